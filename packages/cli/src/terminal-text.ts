// C0 controls, DEL, C1 controls (U+009B is a one-character CSI on some terminals), line/paragraph
// separators, and every format character (Unicode category Cf): the bidirectional marks, embeddings,
// overrides and isolates that reorder what a line shows, and the invisible ones (zero-width space,
// joiners, word joiner, byte-order mark, soft hyphen, tag characters) that make one name look like another.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const unsafe = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\p{Cf}]/gu

const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u001b': '\\e' }

/**
 * Text safe to print on a terminal: every control and format character is
 * shown escaped (`\e`, `\r`, `\n`, `\x07`, `\u202e`, `\u200b`, `\u{e0041}`…),
 * so text from a server or a file can neither move the cursor, clear the
 * screen, pose as another line nor hide characters in a name.
 */
export function safeText(text: unknown): string {
  return String(text).replace(unsafe, (character) => {
    const known = named[character]
    if (known !== undefined) return known
    const code = character.codePointAt(0) as number
    if (code <= 0xff) return `\\x${code.toString(16).padStart(2, '0')}`
    return code <= 0xffff ? `\\u${code.toString(16).padStart(4, '0')}` : `\\u{${code.toString(16)}}`
  })
}

// JSON.stringify escapes C0 controls; these it leaves as they are.
const unsafeInJson = /[\u007f-\u009f\u2028\u2029\p{Cf}]/gu

/** `JSON.stringify(value)` with every character a terminal could act on written as a `\u` escape: still valid JSON. */
export function safeJson(value: unknown): string {
  return JSON.stringify(value).replace(unsafeInJson, (character) =>
    // A character outside the BMP is two UTF-16 units: JSON writes each as its own `\u` escape.
    Array.from(
      { length: character.length },
      (_, at) => `\\u${character.charCodeAt(at).toString(16).padStart(4, '0')}`,
    ).join(''),
  )
}
