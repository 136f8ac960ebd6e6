/**
 * Sets `name` on `target` as an own, enumerable data field, as JSON.parse
 * would: an assignment of `__proto__` would replace the object's prototype
 * instead, and the field would be lost.
 */
export function setDataField(target: object, name: string, value: unknown): void {
  if (name === '__proto__') {
    Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true })
  } else (target as Record<string, unknown>)[name] = value
}
