// C0 controls, DEL, C1 controls (U+009B is a one-character CSI on some terminals),
// line/paragraph separators and the bidirectional overrides that reorder what a line shows.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const unsafe = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g

const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u001b': '\\e' }

/**
 * Text safe to print on a terminal: every control character is shown escaped
 * (`\e`, `\r`, `\n`, `\x07`, `\u202e`…), so text from a server or a file can
 * neither move the cursor, clear the screen nor pose as another line.
 */
export function safeText(text: unknown): string {
  return String(text).replace(unsafe, (character) => {
    const known = named[character]
    if (known !== undefined) return known
    const code = character.charCodeAt(0)
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`
  })
}

// JSON.stringify escapes C0 controls; these it leaves as they are.
const unsafeInJson = /[\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g

/** `JSON.stringify(value)` with every character a terminal could act on written as a `\u` escape: still valid JSON. */
export function safeJson(value: unknown): string {
  return JSON.stringify(value).replace(
    unsafeInJson,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
}
