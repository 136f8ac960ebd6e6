/**
 * Reads a provider option given as text (`--option key=value`, a CSV cell):
 * `true`, `false`, `null` and whole numbers become those values, a JSON
 * string in double quotes becomes that string, anything else stays the text
 * as given. So `maxDiscount=0.1500` stays the string the spec wants.
 */
export function parseOptionValue(text: string): unknown {
  if (text === 'true') return true
  if (text === 'false') return false
  if (text === 'null') return null
  if (/^-?(0|[1-9][0-9]*)$/.test(text) && Number.isSafeInteger(Number(text))) return Number(text)
  if (text.startsWith('"') && text.endsWith('"') && text.length >= 2) return JSON.parse(text) as unknown
  return text
}

/** Splits `key=value`; the key must be non-empty. */
export function parseOptionAssignment(assignment: string): [string, unknown] {
  const equals = assignment.indexOf('=')
  if (equals <= 0) throw new Error(`--option takes key=value, got "${assignment.slice(0, 40)}"`)
  return [assignment.slice(0, equals), parseOptionValue(assignment.slice(equals + 1))]
}
