/** How many problems a message lists, as apply does; the rest are counted. */
export const maxListedProblems = 200

/** Problems as indented lines, the first 200 of them, then how many more there are. */
export function listProblems(problems: readonly string[], indent = '  '): string {
  const listed = problems.slice(0, maxListedProblems).map((problem) => `${indent}${problem}`)
  const more = problems.length - maxListedProblems
  if (more > 0) listed.push(`${indent}… and ${more} more (only the first ${maxListedProblems} are listed)`)
  return listed.join('\n')
}
