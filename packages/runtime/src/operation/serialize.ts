/**
 * A request's path and query, written as openapi-fetch writes them by default
 * (simple path parameters, `form` arrays, `deepObject` objects, every value
 * percent-encoded), without loading openapi-fetch for it: an app that imports
 * one operation does not ship the whole openapi-fetch client.
 */
export function fillPath(template: string, params: Record<string, unknown>): string {
  return template.replace(/\{([^{}]+)\}/g, (_, name: string) => encodeURIComponent(String(params[name])))
}

/** `a=1&b=x%20y`, or `''` when nothing is set; `undefined` and `null` values are left out. */
export function queryString(params: Record<string, unknown>): string {
  const parts: string[] = []
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue
    const key = encodeURIComponent(name)
    if (Array.isArray(value)) {
      for (const item of value) parts.push(`${key}=${encodeURIComponent(String(item))}`)
    } else if (typeof value === 'object') {
      for (const [field, item] of Object.entries(value)) {
        if (item !== undefined && item !== null)
          parts.push(`${key}[${encodeURIComponent(field)}]=${encodeURIComponent(String(item))}`)
      }
    } else parts.push(`${key}=${encodeURIComponent(String(value))}`)
  }
  return parts.join('&')
}
