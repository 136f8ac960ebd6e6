import { afterEach, describe, expect, it, vi } from 'vitest'
import { InvalidArgumentError } from '../errors.js'
import { checkBaseUrl } from './base-url.js'
import { type CredentialSource, explicitCredentialIssues, resolveCredential } from './credentials.js'
import { credentialIssues, headersIssues } from './header-value.js'
import { isSecretHeader, Redactor, secretsOfHeaders } from './secrets.js'

afterEach(() => {
  vi.unstubAllEnvs()
})

const sources: CredentialSource[] = [
  { setting: 'accessToken', environmentVariable: 'CG_TEST_ACCESS', header: 'X-Access', prefix: '' },
  { setting: 'privateToken', environmentVariable: 'CG_TEST_PRIVATE', header: 'X-Private', prefix: '' },
]

describe('resolveCredential', () => {
  it('lets a credential given in code win over any in the environment, whichever kind', () => {
    vi.stubEnv('CG_TEST_ACCESS', 'access-from-env')
    expect(resolveCredential(sources, { privateToken: 'private-in-code' }, 'createTest')).toEqual({
      name: 'X-Private',
      value: 'private-in-code',
    })
    expect(resolveCredential(sources, {}, 'createTest')).toEqual({
      name: 'X-Access',
      value: 'access-from-env',
    })
  })

  it('reads the environment at call time, in the order of the sources', () => {
    vi.stubEnv('CG_TEST_PRIVATE', 'private-from-env')
    expect(resolveCredential(sources, {}, 'c').value).toBe('private-from-env')
    vi.stubEnv('CG_TEST_ACCESS', 'access-from-env')
    expect(resolveCredential(sources, {}, 'c').value).toBe('access-from-env')
  })

  it('names every setting and variable when none is given', () => {
    expect(() => resolveCredential(sources, {}, 'createTest')).toThrow(
      /accessToken: is missing: pass `accessToken` or `privateToken`, or set CG_TEST_ACCESS or CG_TEST_PRIVATE/,
    )
  })

  it('refuses a bad value from the environment without echoing it', () => {
    vi.stubEnv('CG_TEST_ACCESS', 'abc\u0085def-secret')
    const attempt = () => resolveCredential(sources, {}, 'createTest')
    expect(attempt).toThrow(InvalidArgumentError)
    expect(attempt).toThrow(/CG_TEST_ACCESS: must be visible ASCII/)
    expect(attempt).not.toThrow(/def-secret/)
  })
})

describe('credentialIssues', () => {
  it.each([
    ['', 'required'],
    ['abc\r\nX-Evil: 1', 'invalid-header'],
    ['tok\u0085en', 'invalid-header'],
    ['tok\u0100en', 'invalid-header'],
    ['tok\u2028en', 'invalid-header'],
    ['tok en', 'invalid-header'],
    [42, 'type'],
  ])('refuses %j with %s, without echoing it', (value, code) => {
    const issues = credentialIssues('apiKey', value)
    expect(issues.map((issue) => issue.code)).toEqual([code])
    expect(JSON.stringify(issues)).not.toContain('X-Evil')
  })

  it('checks only what was given', () => {
    expect(explicitCredentialIssues(sources, { accessToken: undefined, privateToken: 'ok-token' })).toEqual(
      [],
    )
  })
})

describe('headersIssues', () => {
  it.each([
    'Host',
    'content-length',
    'Transfer-Encoding',
    'Connection',
    'keep-alive',
    'Upgrade',
    'TE',
    'Trailer',
  ])('refuses %s, which the HTTP client sets itself', (name) => {
    expect(headersIssues('headers', { [name]: '1' })).toEqual([
      {
        field: `headers.${name}`,
        code: 'invalid-header',
        message: 'is set by the HTTP client itself and may not be given',
      },
    ])
  })

  it('refuses bad names and values that are not valid header values', () => {
    expect(headersIssues('headers', { 'Bad Name': 'x' })[0]?.code).toBe('invalid-header')
    for (const value of ['a\nb', 'a\u0000b', 'a\u0085b', 'a\u0100b', 'a\u2028b']) {
      expect(headersIssues('headers', { 'X-Value': value })[0]?.code).toBe('invalid-header')
    }
    expect(headersIssues('headers', { 'X-Value': 'café\tok' })).toEqual([])
  })
})

describe('checkBaseUrl', () => {
  it('trims the slash and allows plain http to loopback only', () => {
    expect(checkBaseUrl('baseUrl', 'https://api.example.com/v1/')).toEqual({
      url: 'https://api.example.com/v1',
    })
    for (const host of ['localhost', '127.0.0.1', '127.1.2.3', '[::1]']) {
      expect(checkBaseUrl('baseUrl', `http://${host}:1234`)).toEqual({ url: `http://${host}:1234` })
    }
  })

  it.each([
    ['http://api.example.com', /https/],
    ['not-a-url', /absolute http\(s\) URL/],
    ['not a url', /spaces/],
    ['https://user:pw@api.example.com', /credentials/],
    ['https://api.example.com\n/x', /control characters/],
    ['https://api.example.com/?a=1', /query or a fragment/],
    ['https://api.example.com/v1?', /query or a fragment/],
    ['https://api.example.com/v1#', /query or a fragment/],
  ])('refuses %j', (value, message) => {
    const { issues } = checkBaseUrl('baseUrl', value)
    expect(issues?.[0]?.code).toBe('invalid-url')
    expect(issues?.[0]?.message).toMatch(message)
  })
})

describe('redaction', () => {
  it('masks known secret headers and names that say so, but not Idempotency-Key or request ids', () => {
    for (const name of [
      'Authorization',
      'Cookie',
      'Shoptet-Access-Token',
      'Shoptet-Private-API-Token',
      'X-Api-Key',
      'X-Custom-Token',
      'X-Client-Secret',
    ]) {
      expect(isSecretHeader(name)).toBe(true)
    }
    for (const name of ['Idempotency-Key', 'X-Request-Id', 'Content-Type', 'Sunset', 'X-Key-Id']) {
      expect(isSecretHeader(name)).toBe(false)
    }
  })

  it('masks secrets by value in headers, text and JSON keys, longest first', () => {
    const redactor = new Redactor(['sh_SECRET_TOKEN_0452', 'sh_SECRET'])
    expect(redactor.headers({ 'x-request-id': 'id-sh_SECRET_TOKEN_0452', 'content-type': 'a' })).toEqual({
      'x-request-id': 'id-***',
      'content-type': 'a',
    })
    expect(redactor.deep({ sh_SECRET_TOKEN_0452: ['x sh_SECRET y'] })).toEqual({ '***': ['x *** y'] })
  })

  it('does not search text for secrets under 8 characters, but masks a value that is exactly one', () => {
    const redactor = new Redactor(['k', 'short12'])
    expect(redactor.text('keep key kind short123')).toBe('keep key kind short123')
    expect(redactor.text('short12')).toBe('***')
    expect(redactor.deep({ requestId: 'k', note: 'kk', short12: 1 })).toEqual({
      requestId: '***',
      note: 'kk',
      '***': 1,
    })
    expect(redactor.headers({ authorization: 'Bearer k', 'x-echo': 'short12' })).toEqual({
      authorization: '***',
      'x-echo': '***',
    })
  })

  it('masks a secret spelled with JSON escapes, percent-encoding or a mix of both', () => {
    const secret = 'shptoken_LIVE/a b"9'
    const redactor = new Redactor([secret])
    const jsonEscaped = [...secret].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')
    expect(redactor.text(`{"id":"${jsonEscaped}"}`)).toBe('{"id":"***"}')
    expect(redactor.text(`x=${jsonEscaped.toUpperCase().replaceAll('\\U', '\\u')}`)).toBe('x=***')
    expect(redactor.text(`q=${encodeURIComponent(secret)}&r=1`)).toBe('q=***&r=1')
    expect(redactor.text('q=shptoken_LIVE%2fa+b%22%39')).toBe('q=***')
    expect(redactor.text('s\\u0068ptoken%5fLIVE\\/a%20b\\"9!')).toBe('***!')
    expect(redactor.text('100% sure, a\\nb')).toBe('100% sure, a\\nb')
    expect(redactor.mayHold('{"a":"plain"}')).toBe(false)
    expect(redactor.mayHold('{"a":"\\u0041"}')).toBe(true)
  })

  it('says a text may hold a secret whenever masking would change it, without masking it', () => {
    const redactor = new Redactor(['shptoken_LIVE/a b"9', 'short12'])
    for (const text of [
      '{"a":"plain"}',
      'q=shptoken_LIVE%2fa+b%22%39',
      'q=shptoken_LIVE%2Fa%20b%22%39&r=1',
      '100% sure',
      'shptoken_LIVE/a b"9',
      'an echo of short12 here',
      'short12',
      'short1',
    ]) {
      if (redactor.text(text) !== text) expect(redactor.mayHold(text), text).toBe(true)
    }
    expect(redactor.mayHold('100% sure')).toBe(false)
    expect(redactor.mayHold('q=shptoken_LIVE%2fa+b%22%39')).toBe(true)
    // Asked twice: the pattern's position from the first search does not hide the second match.
    expect(redactor.mayHold('q=shptoken_LIVE%2fa+b%22%39')).toBe(true)
    expect(new Redactor([]).mayHold('anything\\u0041')).toBe(false)
  })

  it('takes the secret part of auth header values', () => {
    expect(secretsOfHeaders({ Authorization: 'Bearer abc', 'X-Api-Key': 'key1', Accept: 'json' })).toEqual([
      'Bearer abc',
      'abc',
      'key1',
    ])
  })
})
