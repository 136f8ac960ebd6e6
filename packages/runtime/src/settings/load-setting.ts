/**
 * An environment variable, read now; empty counts as unset. `undefined` where
 * there is no environment (browsers, workers) or reading it is not permitted (Deno).
 */
export function readEnvironment(name: string): string | undefined {
  let value: string | undefined
  try {
    value = globalThis.process?.env?.[name]
  } catch {
    return undefined
  }
  return value === undefined || value === '' ? undefined : value
}
