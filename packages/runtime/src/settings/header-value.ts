import { InvalidArgumentError } from '../errors/invalid-argument-error.js'

// Control characters (CR and LF above all) in a header value would let a value smuggle in more headers.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const controlCharacters = /[\u0000-\u001f\u007f]/

export function hasControlCharacters(value: string): boolean {
  return controlCharacters.test(value)
}

/** Rejects a value that would be unsafe in an HTTP header, without echoing the value. */
export function assertHeaderSafe(context: string, field: string, value: string): void {
  if (hasControlCharacters(value)) {
    throw new InvalidArgumentError(context, [
      {
        field,
        rule: 'no-control-characters',
        message: 'must not contain control characters such as CR or LF',
      },
    ])
  }
}

/** Checks a whole headers object passed by a caller. */
export function assertHeadersSafe(context: string, headers: Record<string, string> | undefined): void {
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name)) {
      throw new InvalidArgumentError(context, [
        { field: `headers.${name}`, rule: 'header-name', message: 'is not a valid HTTP header name' },
      ])
    }
    assertHeaderSafe(context, `headers.${name}`, value)
  }
}
