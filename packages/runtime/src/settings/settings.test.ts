import { afterEach, describe, expect, it, vi } from 'vitest'
import { InvalidArgumentError } from '../errors/invalid-argument-error.js'
import { resolveBaseUrl } from './base-url.js'
import { loadSetting } from './load-setting.js'
import { isSecretHeader, redactHeaders } from './secrets.js'

afterEach(() => {
  vi.unstubAllEnvs()
})

const source = {
  value: undefined,
  environmentVariable: 'CG_TEST_KEY',
  settingName: 'apiKey',
  context: 'createTest',
}

describe('loadSetting', () => {
  it('prefers the explicit value, then the environment read at call time', () => {
    expect(loadSetting({ ...source, value: 'explicit' })).toBe('explicit')
    vi.stubEnv('CG_TEST_KEY', 'from-env')
    expect(loadSetting(source)).toBe('from-env')
  })

  it('names the setting and the environment variable when missing', () => {
    expect(() => loadSetting(source)).toThrow(InvalidArgumentError)
    expect(() => loadSetting(source)).toThrow(/pass `apiKey` or set the CG_TEST_KEY environment variable/)
  })

  it('rejects CR/LF without echoing the value', () => {
    const attempt = () => loadSetting({ ...source, value: 'abc\r\nX-Evil: 1' })
    expect(attempt).toThrow(/control characters/)
    expect(attempt).not.toThrow(/X-Evil/)
  })
})

describe('resolveBaseUrl', () => {
  const options = {
    value: undefined,
    environmentVariable: 'CG_TEST_URL',
    defaultUrl: 'https://api.example.com/v1/',
    context: 'c',
  }

  it('falls back from value to environment to the spec default and trims the slash', () => {
    expect(resolveBaseUrl(options)).toBe('https://api.example.com/v1')
    vi.stubEnv('CG_TEST_URL', 'http://127.0.0.1:4010')
    expect(resolveBaseUrl(options)).toBe('http://127.0.0.1:4010')
    expect(resolveBaseUrl({ ...options, value: 'https://other.example.com' })).toBe(
      'https://other.example.com',
    )
  })

  it.each([
    ['http://api.example.com', /https/],
    ['not a url', /absolute http\(s\) URL/],
    ['https://user:pw@api.example.com', /credentials/],
    ['https://api.example.com\n/x', /control characters/],
    ['https://api.example.com/?a=1', /query/],
  ])('refuses %s', (value, message) => {
    expect(() => resolveBaseUrl({ ...options, value })).toThrow(message)
  })

  it('allows plain http to loopback only', () => {
    for (const host of ['localhost', '127.0.0.1', '127.1.2.3', '[::1]']) {
      expect(resolveBaseUrl({ ...options, value: `http://${host}:1234` })).toBe(`http://${host}:1234`)
    }
  })
})

describe('redaction', () => {
  it('masks auth, cookies and anything named like a token or key', () => {
    for (const name of [
      'Authorization',
      'Cookie',
      'Shoptet-Access-Token',
      'Shoptet-Private-API-Token',
      'X-Api-Key',
    ]) {
      expect(isSecretHeader(name)).toBe(true)
    }
    expect(redactHeaders({ authorization: 'Bearer x', 'content-type': 'application/json' })).toEqual({
      authorization: '***',
      'content-type': 'application/json',
    })
  })
})
