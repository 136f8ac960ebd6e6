import { describe, expect, it } from 'vitest'
import { createAPIError } from './create-api-error.js'
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  CustomerGroupsError,
  InternalServerError,
  InvalidArgumentError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from './index.js'
import { findRequestId, normalizeErrorBody } from './normalize-error-body.js'

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

describe('normalizeErrorBody', () => {
  it('reads the errors[] envelope', () => {
    const body = { data: null, errors: [{ errorCode: 'not-found', message: 'No group', instance: 'id' }] }
    expect(normalizeErrorBody(body, 404)).toEqual([
      { code: 'not-found', message: 'No group', instance: 'id' },
    ])
  })

  it('reads the { status, error } envelope', () => {
    expect(normalizeErrorBody({ status: 401, error: 'Unauthorized: Invalid API Key' }, 401)).toEqual([
      { code: '401', message: 'Unauthorized: Invalid API Key' },
    ])
  })

  it('guesses nothing from other bodies', () => {
    expect(normalizeErrorBody('<html>', 502)).toEqual([])
    expect(normalizeErrorBody(null, 502)).toEqual([])
    expect(normalizeErrorBody({ errors: null }, 502)).toEqual([])
  })

  it('finds the request id in metadata, else in headers', () => {
    expect(findRequestId({ metadata: { requestId: 'a' } }, new Headers({ 'x-request-id': 'b' }))).toBe('a')
    expect(findRequestId({}, new Headers({ 'x-request-id': 'b' }))).toBe('b')
    expect(findRequestId({}, new Headers())).toBeUndefined()
  })
})

describe('InvalidArgumentError', () => {
  it('names every field and rule', () => {
    const error = new InvalidArgumentError('x.update', [
      { field: 'group_name', rule: 'required', message: 'is required' },
      { field: 'data.defaultDueDays', rule: 'maximum 365', message: 'must be <= 365' },
    ])
    expect(error.message).toContain('group_name: is required (rule: required)')
    expect(error.message).toContain('data.defaultDueDays: must be <= 365 (rule: maximum 365)')
    expect(error.issues).toHaveLength(2)
  })
})
