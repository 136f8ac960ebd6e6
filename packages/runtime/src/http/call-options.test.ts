import { describe, expect, it } from 'vitest'
import { callOptionsOf } from './call-options.js'

describe('callOptionsOf', () => {
  it('takes the per-call options given, leaves out other fields and those left undefined', () => {
    const signal = new AbortController().signal
    const shouldRetry = () => false
    const request = {
      id: '7',
      name: 'VIP',
      signal,
      maxRetries: 0,
      timeoutMs: undefined,
      headers: { 'x-trace': '1' },
      shouldRetry,
    }
    const options = callOptionsOf(request)
    expect(options).toEqual({ signal, maxRetries: 0, headers: { 'x-trace': '1' }, shouldRetry })
    expect(Object.hasOwn(options, 'timeoutMs')).toBe(false)
  })
})
