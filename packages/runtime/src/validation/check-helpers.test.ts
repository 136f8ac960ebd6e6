import { describe, expect, it } from 'vitest'
import type { ArgumentIssue } from '../errors.js'
import { addIssue, fieldAt } from './check-helpers.js'

// The interpreter names a field by joining its path with dots, `body` for the root; a generated
// check hands a shared function its place as a prefix and an index, and fieldAt must name alike.
const joined = (path: string[]) => (path.length > 0 ? path.join('.') : 'body')

describe('fieldAt', () => {
  it.each([
    // [the field's path, the prefix and index its value (or the value above it) was handed, the rest]
    [[], '', undefined, undefined],
    [['data'], 'data.', undefined, undefined],
    [['data', 'customerGroups', '5'], 'data.customerGroups.', 5, undefined],
    [['data', 'customerGroups', '0', 'id'], 'data.customerGroups.', 0, 'id'],
    [['3'], '', 3, undefined],
    [['3', 'name'], '', 3, 'name'],
    [['a', 'b', '1', 'c'], 'a.', 'b', '1.c'],
    // Names as a spec or a caller may write them: empty, dotted, the key of an unknown field.
    [[''], '.', undefined, undefined],
    [['', 'a'], '.', undefined, 'a'],
    [['data', ''], 'data.', undefined, ''],
    [[''], '', undefined, ''],
    [['x.y', 'a'], 'x.y.', undefined, 'a'],
    [['query', 'languages'], 'query.', 'languages', undefined],
    [['a'], '', undefined, 'a'],
  ] as const)('names %j from %j, %j and %j', (path, prefix, index, rest) => {
    expect(fieldAt(prefix, index, rest)).toBe(joined([...path]))
  })

  it("gives the prefix of the value's own fields with an empty rest", () => {
    expect(fieldAt('data.customerGroups.', 7, '')).toBe('data.customerGroups.7.')
    expect(fieldAt('', undefined, '')).toBe('')
  })
})

describe('addIssue', () => {
  it('names the field only from the parts it is given: the root, a field from the root, a place', () => {
    const issues: ArgumentIssue[] = []
    addIssue(issues, 'type', 'must be a plain object')
    addIssue(issues, 'type', 'must be a string', 'data.name')
    addIssue(issues, 'min-length', 'must have at least 1 character(s)', 'name', 'data.customerGroups.', 2)
    addIssue(issues, 'unknown-field', 'is not a field of this request', 'nmae', 'body.data.')
    expect(issues).toEqual([
      { field: 'body', code: 'type', message: 'must be a plain object' },
      { field: 'data.name', code: 'type', message: 'must be a string' },
      {
        field: 'data.customerGroups.2.name',
        code: 'min-length',
        message: 'must have at least 1 character(s)',
      },
      { field: 'body.data.nmae', code: 'unknown-field', message: 'is not a field of this request' },
    ])
  })
})
