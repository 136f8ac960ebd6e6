/** Thrown inside the pipeline when a body passes `maxResponseBytes`; becomes an `InvalidResponseError`. */
export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError'
}

const empty = new Uint8Array(0)
let decoder: TextDecoder | undefined

/**
 * Reads a body, counting the bytes after decompression and stopping at
 * `maxBytes`: a small compressed body that inflates to gigabytes is cut off
 * at the cap, and the rest is never read. The connection is released.
 */
export async function readCappedBytes(response: Response, maxBytes: number): Promise<Uint8Array> {
  const { body } = response
  if (body === null) return empty
  const reader = body.getReader()
  let first: Uint8Array = empty
  let chunks: Uint8Array[] | undefined
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > maxBytes) {
      // Cancelling stops the download and the decompression at once.
      reader.cancel().catch(() => {})
      throw new BodyTooLargeError(`body is larger than ${maxBytes} bytes`)
    }
    // Most bodies arrive in one chunk: no copy then.
    if (chunks === undefined && first.byteLength === 0) first = value
    else if (chunks === undefined) chunks = [first, value]
    else chunks.push(value)
  }
  if (chunks === undefined) return first
  const joined = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    joined.set(chunk, offset)
    offset += chunk.byteLength
  }
  return joined
}

/** A body read by `readCappedBytes`, as UTF-8 text. */
export function decodeText(bytes: Uint8Array): string {
  decoder ??= new TextDecoder()
  return decoder.decode(bytes)
}

/** Throws the rest of a body away without reading it, so the connection is freed. */
export function discardBody(response: Response): void {
  response.body?.cancel().catch(() => {})
}
