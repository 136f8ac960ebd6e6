import type { APIErrorInit } from '../errors/api-error.js'
import { InvalidResponseError } from '../errors/invalid-response-error.js'

/** How much of an unreadable body an error keeps. */
const rawTextLimit = 2_000

export function truncate(text: string, limit = rawTextLimit): string {
  return text.length <= limit ? text : `${text.slice(0, limit)}… (${text.length - limit} more characters)`
}

class BodyTooLargeError extends Error {}

/**
 * Wraps a response so reading its body fails once it passes `maxBytes`,
 * whichever code reads it; a hostile or broken server cannot exhaust memory.
 */
export function capResponseBody(response: Response, maxBytes: number): Response {
  if (response.body === null) return response
  // A declared length within the cap needs no counting: the HTTP parser stops at that length.
  const declared = Number(response.headers.get('content-length') ?? Number.NaN)
  if (Number.isSafeInteger(declared) && declared <= maxBytes) return response
  let seen = 0
  const capped = response.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength
        if (seen > maxBytes) controller.error(new BodyTooLargeError(`body is larger than ${maxBytes} bytes`))
        else controller.enqueue(chunk)
      },
    }),
  )
  return new Response(capped, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  })
}

export function isBodyTooLarge(error: unknown): boolean {
  return (
    error instanceof BodyTooLargeError || (error instanceof Error && error.cause instanceof BodyTooLargeError)
  )
}

/** Why a body that began to arrive could not be read. */
export function unreadableBodyReason(error: unknown): string {
  return isBodyTooLarge(error) ? 'a body over the size limit' : 'a body that could not be read'
}

/** Reads an error body: parsed when it is JSON, else its text cut short; `undefined` when empty. */
export async function readErrorBody(
  response: Response,
  describe: () => Omit<APIErrorInit, 'body' | 'errors'>,
): Promise<unknown> {
  const text = await readText(response, describe)
  if (text === '') return undefined
  try {
    return JSON.parse(text)
  } catch {
    return truncate(text)
  }
}

async function readText(response: Response, describe: () => Omit<APIErrorInit, 'body' | 'errors'>) {
  try {
    return await response.text()
  } catch (error) {
    throw new InvalidResponseError(
      { ...describe(), body: undefined, errors: [] },
      unreadableBodyReason(error),
    )
  }
}

/**
 * Reads a success body as JSON; anything else becomes an `InvalidResponseError`
 * that keeps the raw start, passed through `redact` first.
 */
export async function readJsonBody(
  response: Response,
  describe: () => Omit<APIErrorInit, 'body' | 'errors'>,
  redact: (text: string) => unknown,
): Promise<unknown> {
  const text = await readText(response, describe)
  const fail = (reason: string) =>
    new InvalidResponseError({ ...describe(), body: redact(truncate(text)), errors: [] }, reason)
  // /\S/ stops at the first visible character; trim() would copy the whole body.
  if (!/\S/.test(text)) throw fail('an empty body')
  const contentType = response.headers.get('content-type') ?? ''
  if (!/[/+]json\b/i.test(contentType))
    throw fail(`content type "${truncate(contentType, 100)}" instead of JSON`)
  try {
    return JSON.parse(text)
  } catch {
    throw fail('malformed JSON')
  }
}
