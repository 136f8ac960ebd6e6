import { shopAddress } from './base-url.js'

/** Changes when the way a fingerprint is made changes: fingerprints of two versions never match. */
const label = 'customer-groups shop fingerprint v1'

const hex = (bytes: ArrayBuffer) =>
  Array.from(new Uint8Array(bytes), (byte) => byte.toString(16).padStart(2, '0')).join('')

/**
 * Which shop a client reaches, as 32 hex digits that are safe to store in a
 * file anyone may read (a plan committed to a pull request): a SHA-256 of
 * the provider id, the base URL spelled one way ({@link shopAddress}) and an
 * HMAC-SHA-256 of the credential. The credential cannot be read back from it
 * or used in its place; the same provider, address and credential always
 * give the same fingerprint, on any machine. Whoever holds a candidate
 * credential can check it against a fingerprint, as with any digest: a
 * provider's tokens are long random strings, which makes guessing hopeless.
 */
export async function shopFingerprint(shop: {
  providerId: string
  baseUrl: string
  /** The credential as sent (its header value). */
  credential: string
}): Promise<string> {
  const subtle = globalThis.crypto?.subtle
  if (subtle === undefined)
    throw new Error('A shop fingerprint needs the Web Crypto API (globalThis.crypto.subtle)')
  const encoder = new TextEncoder()
  const key = await subtle.importKey('raw', encoder.encode(label), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ])
  const credential = hex(await subtle.sign('HMAC', key, encoder.encode(shop.credential)))
  const identity = `${label}\0${shop.providerId}\0${shopAddress(shop.baseUrl)}\0${credential}`
  return hex(await subtle.digest('SHA-256', encoder.encode(identity))).slice(0, 32)
}
