/**
 * A request's path and query, written as openapi-fetch writes them by default
 * (simple path parameters, `form` arrays, `deepObject` objects, every value
 * percent-encoded), without loading openapi-fetch for it: an app that imports
 * one operation does not ship the whole openapi-fetch client.
 */

/**
 * The path of a template with its parameters filled in. The template is split
 * once, when the operation is defined: filling it then costs one pass over its
 * pieces, on every request.
 */
export function pathTemplate(template: string): (params: Record<string, unknown>) => string {
  // Even indexes are literal text, odd ones parameter names: `/groups/{id}` → ['/groups/', 'id', ''].
  const pieces = template.split(/\{([^{}]+)\}/)
  if (pieces.length === 1) return () => template
  return (params) => {
    let path = pieces[0] as string
    for (let index = 1; index < pieces.length; index += 2) {
      path += encodeURIComponent(String(params[pieces[index] as string])) + (pieces[index + 1] as string)
    }
    return path
  }
}

/** `a=1&b=x%20y`, or `''` when nothing is set; `undefined` and `null` values are left out. */
export function queryString(params: Record<string, unknown>): string {
  let query = ''
  for (const name of Object.keys(params)) {
    const value = params[name]
    if (value === undefined || value === null) continue
    const key = encodeURIComponent(name)
    if (Array.isArray(value)) {
      for (const item of value) query += `&${key}=${encodeURIComponent(String(item))}`
    } else if (typeof value === 'object') {
      for (const field of Object.keys(value)) {
        const item = (value as Record<string, unknown>)[field]
        if (item !== undefined && item !== null)
          query += `&${key}[${encodeURIComponent(field)}]=${encodeURIComponent(String(item))}`
      }
    } else query += `&${key}=${encodeURIComponent(String(value))}`
  }
  return query.slice(1)
}
