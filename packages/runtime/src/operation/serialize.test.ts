import { createQuerySerializer, defaultPathSerializer } from 'openapi-fetch'
import { describe, expect, it } from 'vitest'
import { pathTemplate, queryString } from './serialize.js'

// The wrapped operations and client.api must send the same bytes for the same parameters.
describe('path and query as openapi-fetch writes them', () => {
  const awkward = ['1', 'a/../b', 'ž luťoučký', 'a b&c=d?e#f', '%2F', '😀', "'quotes'", '..']

  it.each(awkward)('fills the path with %j as openapi-fetch does', (id) => {
    expect(pathTemplate('/customer-groups/{id}')({ id })).toBe(
      defaultPathSerializer('/customer-groups/{id}', { id }),
    )
    expect(pathTemplate('/groups/{id}')({ id: 7 })).toBe(defaultPathSerializer('/groups/{id}', { id: 7 }))
    expect(pathTemplate('/shops/{shop}/groups/{id}.json')({ shop: 'a b', id })).toBe(
      defaultPathSerializer('/shops/{shop}/groups/{id}.json', { shop: 'a b', id }),
    )
    expect(pathTemplate('/groups')({})).toBe('/groups')
  })

  it('writes the query as openapi-fetch does', () => {
    const serializer = createQuerySerializer()
    for (const query of [
      { language: 'cs' },
      { business_code: '007', created_at: '2024-08-01 0:0:0', updated_at: '2024-08-31' },
      { a: 'x y', b: undefined, c: null, d: 'ž&=?#' },
      { list: ['a', 'b c'] },
      {},
    ]) {
      expect(queryString(query)).toBe(serializer(query))
    }
  })
})
