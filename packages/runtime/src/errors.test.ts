import { describe, expect, it } from 'vitest'
import {
  AmbiguousNameError,
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  CustomerGroupsError,
  createAPIError,
  InternalServerError,
  InvalidArgumentError,
  InvalidResponseError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  RedirectError,
  UnprocessableEntityError,
  UnsupportedOperationError,
} from './errors.js'

const base = { provider: 'test', headers: {}, body: null, errors: [] }

describe('createAPIError', () => {
  it.each([
    [400, BadRequestError, 'BadRequestError'],
    [401, AuthenticationError, 'AuthenticationError'],
    [403, PermissionDeniedError, 'PermissionDeniedError'],
    [404, NotFoundError, 'NotFoundError'],
    [409, ConflictError, 'ConflictError'],
    [422, UnprocessableEntityError, 'UnprocessableEntityError'],
    [429, RateLimitError, 'RateLimitError'],
    [500, InternalServerError, 'InternalServerError'],
    [503, InternalServerError, 'InternalServerError'],
    [418, APIError, 'APIError'],
  ])('maps %i to %o', (status, ErrorClass, name) => {
    const error = createAPIError({ ...base, status })
    expect(error).toBeInstanceOf(ErrorClass)
    expect(error.name).toBe(name)
    expect(ErrorClass.isInstance(error)).toBe(true)
    expect(APIError.isInstance(error)).toBe(true)
    expect(CustomerGroupsError.isInstance(error)).toBe(true)
  })

  it('instanceof works across copies of the classes, as isInstance does', () => {
    // Another copy of the package defines its own classes with the same markers.
    const copy = createAPIError({ ...base, status: 404 })
    Object.setPrototypeOf(copy, Object.prototype)
    expect(copy instanceof NotFoundError).toBe(true)
    expect(copy instanceof APIError).toBe(true)
    expect(copy instanceof CustomerGroupsError).toBe(true)
    expect(copy instanceof AuthenticationError).toBe(false)
    expect(new Error('x') instanceof APIError).toBe(false)
  })

  it('isInstance tells classes apart and rejects look-alikes', () => {
    const notFound = createAPIError({ ...base, status: 404 })
    expect(AuthenticationError.isInstance(notFound)).toBe(false)
    expect(APIError.isInstance(new Error('x'))).toBe(false)
    expect(APIError.isInstance({ status: 404 })).toBe(false)
    expect(APIConnectionError.isInstance(new APIConnectionTimeoutError('p', 1))).toBe(true)
    expect(APIConnectionTimeoutError.isInstance(new APIConnectionError('p'))).toBe(false)
    expect(CustomerGroupsError.isInstance(new APIUserAbortError())).toBe(true)
  })

  it('puts the provider messages and request id in the message', () => {
    const error = createAPIError({
      ...base,
      status: 422,
      errors: [
        { code: 'invalid', message: 'Pricelist 99 does not exist.', instance: 'data.defaultPricelistId' },
      ],
      requestId: 'req-9',
    })
    expect(error.message).toBe(
      'test answered 422: Pricelist 99 does not exist. (data.defaultPricelistId) [request req-9]',
    )
  })
})

describe('InvalidArgumentError', () => {
  it('names every field and rule', () => {
    const error = new InvalidArgumentError('x.update', [
      { field: 'group_name', code: 'required', message: 'is required' },
      { field: 'defaultDueDays', code: 'maximum', message: 'must be <= 365' },
    ])
    expect(error.message).toContain('group_name: is required (required)')
    expect(error.message).toContain('defaultDueDays: must be <= 365 (maximum)')
    expect(error.issues).toHaveLength(2)
  })
})

describe('error messages', () => {
  it('name at most five provider problems and cut each one, however many the server sent', () => {
    const errors = Array.from({ length: 1_000 }, (_, index) => ({
      code: 'x',
      message: `problem ${index} ${'y'.repeat(1000)}`,
    }))
    const error = createAPIError({ ...base, status: 422, errors, requestId: 'r'.repeat(10_000) })
    expect(error.message.length).toBeLessThan(2_000)
    expect(error.message).toContain('and 995 more')
  })

  it('say how many attempts a failure took, when more than one', () => {
    const once = createAPIError({ ...base, status: 500, trail: { attempts: 1, elapsedMs: 5 } })
    const thrice = createAPIError({ ...base, status: 500, trail: { attempts: 3, elapsedMs: 1940 } })
    expect(once.message).toBe('test answered 500')
    expect(thrice.message).toBe('test answered 500 (after 3 attempts in 1.9 s)')
    expect(thrice).toMatchObject({ attempts: 3, elapsedMs: 1940 })
  })
})

describe('the other typed errors', () => {
  it('are told apart by isInstance', () => {
    const redirect = new RedirectError({ ...base, status: 302 }, 'https://elsewhere.example')
    // Not an HTTP status error: a redirect and an unusable answer stand beside APIError, not under it.
    expect(RedirectError.isInstance(redirect)).toBe(true)
    expect(APIError.isInstance(redirect)).toBe(false)
    expect(redirect).toMatchObject({ provider: 'test', status: 302, headers: {} })
    const invalid = new InvalidResponseError({ ...base, status: 200 }, 'malformed JSON')
    expect(InvalidResponseError.isInstance(invalid) && CustomerGroupsError.isInstance(invalid)).toBe(true)
    expect(invalid instanceof APIError).toBe(false)
    expect(invalid).toMatchObject({ status: 200, outcome: 'unknown', reason: 'malformed JSON' })
    expect(redirect.message).toBe(
      'test answered 302 redirecting to https://elsewhere.example; redirects are not followed',
    )
    const unsupported = new UnsupportedOperationError('xtrakit', 'deleteCustomerGroup')
    expect(UnsupportedOperationError.isInstance(unsupported)).toBe(true)
    expect(InvalidArgumentError.isInstance(unsupported)).toBe(true)
    expect(unsupported.issues).toEqual([
      {
        field: 'provider',
        code: 'unsupported-operation',
        message: 'xtrakit does not support deleteCustomerGroup',
      },
    ])
    const ambiguous = new AmbiguousNameError('shoptet', 'VIP', ['3', '9'])
    expect(AmbiguousNameError.isInstance(ambiguous)).toBe(true)
    expect(ambiguous.message).toBe('shoptet has 2 groups named "VIP" (ids 3, 9); use the id to say which')
    expect(AmbiguousNameError.isInstance(redirect)).toBe(false)
  })
})
