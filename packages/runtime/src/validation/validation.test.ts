import { describe, expect, it } from 'vitest'
import { InvalidArgumentError } from '../errors/invalid-argument-error.js'
import {
  assertValidRequest,
  type RequestValidator,
  type ValidationErrorObject,
} from './assert-valid-request.js'
import { assertPathSegment, parsePositiveIntegerId } from './path-segment.js'

function validatorFailingWith(errors: ValidationErrorObject[]): RequestValidator {
  const validate: RequestValidator = () => false
  validate.errors = errors
  return validate
}

describe('assertValidRequest', () => {
  it('passes a valid request', () => {
    expect(() => assertValidRequest(() => true, { body: {} }, 'x')).not.toThrow()
  })

  it('turns every validator error into a named field and rule', () => {
    const validate = validatorFailingWith([
      { instancePath: '/body', keyword: 'required', params: { missingProperty: 'group_name' } },
      {
        instancePath: '/body/data',
        keyword: 'additionalProperties',
        params: { additionalProperty: 'colour' },
      },
      {
        instancePath: '/body/data/defaultDueDays',
        keyword: 'maximum',
        params: { limit: 365 },
        message: 'must be <= 365',
      },
      { instancePath: '/path/id', keyword: 'type', params: { type: 'integer' }, message: 'must be integer' },
    ])
    let error: unknown
    try {
      assertValidRequest(validate, { body: {} }, 'test.update')
    } catch (caught) {
      error = caught
    }
    expect(InvalidArgumentError.isInstance(error)).toBe(true)
    expect((error as InvalidArgumentError).issues).toEqual([
      { field: 'group_name', rule: 'required', message: 'is required' },
      { field: 'data.colour', rule: 'no unknown fields', message: 'is not a field of this request' },
      { field: 'data.defaultDueDays', rule: 'maximum 365', message: 'must be <= 365' },
      { field: 'id', rule: 'type integer', message: 'must be integer' },
    ])
  })
})

describe('ids', () => {
  it('refuses dot segments that would change the path', () => {
    expect(() => assertPathSegment('c', 'id', '..')).toThrow(InvalidArgumentError)
    expect(() => assertPathSegment('c', 'id', '.')).toThrow(InvalidArgumentError)
    expect(() => assertPathSegment('c', 'id', 'a/../b')).not.toThrow()
  })

  it('accepts only safe positive integers', () => {
    expect(parsePositiveIntegerId('c', 'id', 7)).toBe(7)
    expect(parsePositiveIntegerId('c', 'id', '42')).toBe(42)
    for (const bad of [
      0,
      -1,
      1.5,
      '07',
      '1e3',
      ' 1',
      Number.MAX_SAFE_INTEGER + 1,
      '9007199254740993',
      null,
    ]) {
      expect(() => parsePositiveIntegerId('c', 'id', bad)).toThrow(InvalidArgumentError)
    }
  })
})
