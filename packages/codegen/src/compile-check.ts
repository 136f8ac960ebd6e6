// The runtime's own words and codes, from its source: a message here is the message the runtime's
// keyword interpreter (compileSchema) writes, and a test holds the two to the same issue lists.
import type { IssueCode } from '../../runtime/src/validation/issue-code.js'
import type { TypeName } from '../../runtime/src/validation/json-schema.js'
import { typeWords } from '../../runtime/src/validation/type-words.js'

/**
 * What a check reads: a caller's object (whose objects must be plain and whose
 * fields count only when own and enumerable), or what `JSON.parse` returned,
 * where every object is plain and every field own, so those tests are skipped.
 */
export type CheckMode = 'caller' | 'json'

type Schema = Record<string, unknown>

/** Runtime helpers a generated check may call, exported by @customer-groups/runtime. */
type Helper =
  | 'addIssue'
  | 'anyOfIssues'
  | 'codePointLength'
  | 'isOwnField'
  | 'isPlainObject'
  | 'requiredIssues'

/** A step of a field's path: a fixed name, or a variable of the generated code (an index, a key). */
type Segment = { name: string } | { variable: string }

const keywords = new Set([
  'type',
  'enum',
  'anyOf',
  'properties',
  'required',
  'additionalProperties',
  'minProperties',
  'maxProperties',
  'items',
  'minItems',
  'maxItems',
  'minLength',
  'maxLength',
  'pattern',
  'patternInWords',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
])
const numberKeywords = [
  'minProperties',
  'maxProperties',
  'minItems',
  'maxItems',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
]
const typeNames = new Set<string>(Object.keys(typeWords))

/**
 * Writes one TypeScript function per schema that adds to `issues` every rule
 * a value breaks, with the same fields, codes, messages and order as the
 * runtime's keyword interpreter, but specialised: no schema data is read at
 * run time, and a valid value allocates nothing. Identical schemas (a spec's
 * list, create and update may answer alike) share one function.
 */
export class CheckWriter {
  readonly #functions = new Map<string, { name: string; source: string }>()
  readonly #patterns = new Map<string, string>()
  readonly #helpers = new Set<Helper>()

  /**
   * The name of the function that checks `schema`, written on first request.
   * `where` names the schema in errors: a keyword the checks do not know stops
   * generation rather than being skipped.
   */
  check(schema: Schema, mode: CheckMode, name: string, where: string): string {
    validate(schema, where)
    const key = `${mode}:${JSON.stringify(schema)}`
    const existing = this.#functions.get(key)
    if (existing !== undefined) return existing.name
    const body = new FunctionWriter(this, mode).node(schema, 'value', [])
    const source = [
      `export function ${name}(value: unknown, issues: ArgumentIssue[]): void {`,
      ...indent(body),
      '}',
    ].join('\n')
    this.#functions.set(key, { name, source })
    return name
  }

  /** The module of every function asked for, with the runtime helpers they call. */
  module(): string {
    const helpers = [...this.#helpers].sort()
    const patterns = [...this.#patterns].map(([literal, name]) => `const ${name} = ${literal}`)
    return [
      `import { type ArgumentIssue${helpers.map((helper) => `, ${helper}`).join('')} } from '@customer-groups/runtime'`,
      '',
      ...(patterns.length > 0 ? [...patterns, ''] : []),
      ...[...this.#functions.values()].flatMap(({ source }) => [source, '']),
    ].join('\n')
  }

  use(helper: Helper): string {
    this.#helpers.add(helper)
    return helper
  }

  /** A module-level constant for a pattern, so a check never builds a RegExp while it runs. */
  pattern(pattern: string): string {
    // The `u` flag is what JSON Schema implies; `.source` is the pattern written as a literal.
    const literal = `/${new RegExp(pattern, 'u').source}/u`
    let name = this.#patterns.get(literal)
    if (name === undefined) {
      name = `pattern${this.#patterns.size + 1}`
      this.#patterns.set(literal, name)
    }
    return name
  }
}

/** The body of one check function. */
class FunctionWriter {
  #variables = 0

  constructor(
    private readonly writer: CheckWriter,
    private readonly mode: CheckMode,
  ) {}

  #variable(prefix: string): string {
    this.#variables++
    return `${prefix}${this.#variables}`
  }

  /** Statements that check the value in variable `value`, found at `path`. */
  node(schema: Schema, value: string, path: Segment[]): string[] {
    const types = typesOf(schema)
    const rules = [
      ...this.#enum(schema, value, path),
      ...this.#anyOf(schema, value, path),
      ...this.#string(schema, types, value, path),
      ...this.#number(schema, types, value, path),
      ...this.#array(schema, types, value, path),
      ...this.#object(schema, types, value, path),
    ]
    if (types === undefined) return rules
    const test = types.map((type) => this.#typeTest(type, value)).join(' || ')
    const wrong = this.#report(path, 'type', `must be ${types.map((type) => typeWords[type]).join(' or ')}`)
    // A value of the wrong type reports only that, not the rules meant for the right type.
    if (rules.length === 0) return [`if (!(${test})) ${wrong}`]
    return [`if (!(${test})) ${wrong}`, 'else {', ...indent(rules), '}']
  }

  /** The statement that adds one issue. */
  #report(path: Segment[], code: IssueCode, message: string): string {
    return `${this.writer.use('addIssue')}(issues, ${fieldOf(path)}, ${literal(code)}, ${literal(message)})`
  }

  /** Adds a `required` issue for each name `object` lacks; `missing` is the quick test that one does. */
  #required(object: string, names: string[], path: Segment[], missing: string | undefined): string[] {
    if (names.length === 0) return []
    const prefix = fieldOf([...path, { name: '' }])
    const call = `${this.writer.use('requiredIssues')}(issues, ${object}, ${JSON.stringify(names)}, ${prefix}${missing === undefined ? ', true' : ''})`
    return [missing === undefined ? call : `if (${missing}) ${call}`]
  }

  #typeTest(type: TypeName, value: string): string {
    switch (type) {
      case 'string':
        return `typeof ${value} === 'string'`
      case 'number':
        return `Number.isFinite(${value})`
      // Beyond 2^53 a number no longer names one value exactly.
      case 'integer':
        return `Number.isSafeInteger(${value})`
      case 'boolean':
        return `typeof ${value} === 'boolean'`
      case 'object':
        return this.#isObject(value)
      case 'array':
        return `Array.isArray(${value})`
      case 'null':
        return `${value} === null`
    }
  }

  #isObject(value: string): string {
    return this.mode === 'json'
      ? `typeof ${value} === 'object' && ${value} !== null && !Array.isArray(${value})`
      : `${this.writer.use('isPlainObject')}(${value})`
  }

  #enum(schema: Schema, value: string, path: Segment[]): string[] {
    if (schema.enum === undefined) return []
    const allowed = schema.enum as unknown[]
    // Equal as JSON: the same primitive, or an object or null that serializes to the same text.
    const tests = allowed.map((candidate) =>
      typeof candidate === 'object'
        ? `${candidate === null ? `${value} === null || ` : ''}(typeof ${value} === 'object' && JSON.stringify(${value}) === ${literal(JSON.stringify(candidate))})`
        : `${value} === ${literal(candidate)}`,
    )
    const test = tests.length === 0 ? 'false' : tests.join(' || ')
    return [`if (!(${test})) ${this.#report(path, 'enum', `must be one of ${JSON.stringify(allowed)}`)}`]
  }

  /**
   * Passes when one branch passes. Branches report into `issues` itself and
   * what they found is taken back out, so a value that passes its first branch
   * costs no array.
   */
  #anyOf(schema: Schema, value: string, path: Segment[]): string[] {
    if (schema.anyOf === undefined) return []
    const branches = schema.anyOf as Schema[]
    const types = branches.flatMap((branch) => typesOf(branch) ?? [])
    const message = `must be ${[...new Set(types)].map((type) => typeWords[type]).join(' or ')}`
    if (branches.length === 0) return [this.#report(path, 'type', message)]
    const start = this.#variable('start')
    const found = this.#variable('found')
    const helper = `${this.writer.use('anyOfIssues')}(issues, ${found}, ${fieldOf(path)}, ${literal(message)})`
    // Branch n runs only when every branch before it found something.
    let tail: string[] = [helper]
    for (let index = branches.length - 1; index >= 1; index--) {
      tail = [
        ...this.node(branches[index] as Schema, value, path),
        `if (issues.length !== ${start}) {`,
        ...indent([`${found}.push(issues.splice(${start}))`, ...tail]),
        '}',
      ]
    }
    return [
      `const ${start} = issues.length`,
      ...this.node(branches[0] as Schema, value, path),
      `if (issues.length !== ${start}) {`,
      ...indent([`const ${found} = [issues.splice(${start})]`, ...tail]),
      '}',
    ]
  }

  #string(schema: Schema, types: TypeName[] | undefined, value: string, path: Segment[]): string[] {
    const { minLength, maxLength, pattern, patternInWords } = schema as {
      minLength?: number
      maxLength?: number
      pattern?: string
      patternInWords?: string
    }
    const known = only(types, ['string'])
    const guard = known ? '' : `typeof ${value} === 'string' && `
    const lines: string[] = []
    if (minLength !== undefined || maxLength !== undefined) {
      const length = this.#variable('length')
      const counted = [`const ${length} = ${this.writer.use('codePointLength')}(${value} as string)`]
      if (minLength !== undefined)
        counted.push(
          `if (${length} < ${number(minLength)}) ${this.#report(path, 'min-length', `must have at least ${minLength} character(s)`)}`,
        )
      if (maxLength !== undefined)
        counted.push(
          `if (${length} > ${number(maxLength)}) ${this.#report(path, 'max-length', `must have at most ${maxLength} character(s)`)}`,
        )
      lines.push(...(known ? counted : [`if (typeof ${value} === 'string') {`, ...indent(counted), '}']))
    }
    if (pattern !== undefined) {
      // The spec's words for the pattern, where it has them, read better than the pattern.
      const message =
        patternInWords === undefined ? `must match the pattern ${pattern}` : `must be ${patternInWords}`
      lines.push(
        `if (${guard}!${this.writer.pattern(pattern)}.test(${value} as string)) ${this.#report(path, 'pattern', message)}`,
      )
    }
    return lines
  }

  #number(schema: Schema, types: TypeName[] | undefined, value: string, path: Segment[]): string[] {
    const guard = only(types, ['number', 'integer']) ? '' : `typeof ${value} === 'number' && `
    const bounds = [
      ['minimum', '>=', 'minimum'],
      ['exclusiveMinimum', '>', 'minimum'],
      ['maximum', '<=', 'maximum'],
      ['exclusiveMaximum', '<', 'maximum'],
    ] as const
    return bounds.flatMap(([keyword, sign, code]) => {
      const limit = schema[keyword] as number | undefined
      if (limit === undefined) return []
      // `!(a >= b)`, not `a < b`: the two differ for NaN, which a caller's object may hold.
      return [
        `if (${guard}!((${value} as number) ${sign} ${number(limit)})) ${this.#report(path, code, `must be ${sign} ${limit}`)}`,
      ]
    })
  }

  #array(schema: Schema, types: TypeName[] | undefined, value: string, path: Segment[]): string[] {
    const { minItems, maxItems, items } = schema as { minItems?: number; maxItems?: number; items?: Schema }
    if (minItems === undefined && maxItems === undefined && items === undefined) return []
    const list = this.#variable('list')
    const lines = [`const ${list} = ${value} as unknown[]`]
    if (minItems !== undefined)
      lines.push(
        `if (${list}.length < ${number(minItems)}) ${this.#report(path, 'min-items', `must have at least ${minItems} item(s)`)}`,
      )
    if (maxItems !== undefined)
      lines.push(
        `if (${list}.length > ${number(maxItems)}) ${this.#report(path, 'max-items', `must have at most ${maxItems} item(s)`)}`,
      )
    if (items !== undefined) {
      const index = this.#variable('index')
      const item = this.#variable('item')
      const check = this.node(items, item, [...path, { variable: index }])
      if (check.length > 0) {
        lines.push(
          `for (let ${index} = 0; ${index} < ${list}.length; ${index}++) {`,
          ...indent([`const ${item} = ${list}[${index}]`, ...check]),
          '}',
        )
      }
    }
    if (lines.length === 1) return []
    return only(types, ['array']) ? lines : [`if (Array.isArray(${value})) {`, ...indent(lines), '}']
  }

  #object(schema: Schema, types: TypeName[] | undefined, value: string, path: Segment[]): string[] {
    const properties = Object.entries((schema.properties ?? {}) as Record<string, Schema>)
    const required = (schema.required ?? []) as string[]
    const { minProperties, maxProperties, additionalProperties } = schema as {
      minProperties?: number
      maxProperties?: number
      additionalProperties?: boolean | Schema
    }
    const additional = typeof additionalProperties === 'object' ? additionalProperties : undefined
    const closed = additionalProperties === false
    const counted = minProperties !== undefined || maxProperties !== undefined
    if (properties.length === 0 && required.length === 0 && additional === undefined && !closed && !counted)
      return []
    const object = this.#variable('object')
    const lines = [`const ${object} = ${value} as Record<string, unknown>`]
    const at = (name: string): Segment[] => [...path, { name }]
    const json = this.mode === 'json'

    if (json && !closed && additional === undefined && !counted) {
      // An open object of parsed JSON: only the fields the schema names need a look, each read once
      // (reading twice is the same for parsed JSON, which has no getters).
      const variables = new Map<string, string>()
      const variableOf = (name: string): string => {
        let variable = variables.get(name)
        if (variable === undefined) {
          variable = this.#variable('field')
          variables.set(name, variable)
        }
        return variable
      }
      const checks = properties
        .map(([name, sub]) => ({ name, check: this.node(sub, variableOf(name), at(name)) }))
        .filter(({ check }) => check.length > 0)
      const read = new Set([...required, ...checks.map(({ name }) => name)])
      for (const name of read) lines.push(`const ${variableOf(name)} = ${object}${access(name)}`)
      lines.push(
        ...this.#required(
          object,
          required,
          path,
          required.map((name) => `${variableOf(name)} === undefined`).join(' || '),
        ),
      )
      for (const { name, check } of checks)
        lines.push(`if (${variableOf(name)} !== undefined) {`, ...indent(check), '}')
    } else {
      // Every field of the object, in its own order; a caller's only when own and enumerable.
      const own = json ? undefined : this.writer.use('isOwnField')
      // A caller's fields count only when own: the helper tests each one.
      const missing = own
        ? undefined
        : required.map((name) => `${object}${access(name)} === undefined`).join(' || ')
      lines.push(...this.#required(object, required, path, missing))
      const count = this.#variable('count')
      if (counted) lines.push(`let ${count} = 0`)
      const key = this.#variable('key')
      const field = this.#variable('field')
      const keyPath: Segment[] = [...path, { variable: key }]
      const cases: string[] = []
      let caseChecks = false
      for (const [name, sub] of properties) {
        const check = this.node(sub, field, at(name))
        if (check.length > 0) caseChecks = true
        cases.push(
          `case ${literal(name)}:`,
          ...indent([
            ...(check.length > 0 ? [`if (${field} !== undefined) {`, ...indent(check), '}'] : []),
            'break',
          ]),
        )
      }
      // An unknown name is reported even when its value is undefined: it is most likely a typo.
      const otherwise = closed
        ? [this.#report(keyPath, 'unknown-field', 'is not a field of this request')]
        : additional !== undefined
          ? this.node(additional, field, keyPath)
          : []
      const loop = [
        ...(own ? [`if (!${own}(${object}, ${key})) continue`] : []),
        `const ${field} = ${object}[${key}]`,
        ...(counted ? [`if (${field} !== undefined) ${count}++`] : []),
      ]
      if (otherwise.length > 0 || caseChecks) {
        loop.push(
          `switch (${key}) {`,
          ...indent([...cases, ...(otherwise.length > 0 ? ['default: {', ...indent(otherwise), '}'] : [])]),
          '}',
        )
      }
      lines.push(`for (const ${key} in ${object}) {`, ...indent(loop), '}')
      if (minProperties !== undefined)
        lines.push(
          `if (${count} < ${number(minProperties)}) ${this.#report(path, 'min-properties', `must have at least ${minProperties} field(s)`)}`,
        )
      if (maxProperties !== undefined)
        lines.push(
          `if (${count} > ${number(maxProperties)}) ${this.#report(path, 'max-properties', `must have at most ${maxProperties} field(s)`)}`,
        )
    }
    return only(types, ['object']) ? lines : [`if (${this.#isObject(value)}) {`, ...indent(lines), '}']
  }
}

/** The schema's types, `undefined` when it names none. */
function typesOf(schema: Schema): TypeName[] | undefined {
  const { type } = schema
  if (type === undefined) return undefined
  return (typeof type === 'string' ? [type] : type) as TypeName[]
}

/** Whether every type the value may have after its type test is one of `allowed`. */
function only(types: TypeName[] | undefined, allowed: TypeName[]): boolean {
  return types !== undefined && types.length > 0 && types.every((type) => allowed.includes(type))
}

/** The field's name as the interpreter writes it: the path joined with dots, `body` for the root. */
function fieldOf(path: Segment[]): string {
  if (path.length === 0) return '"body"'
  const parts: string[] = []
  let text: string | undefined
  const flush = () => {
    if (text !== undefined) parts.push(literal(text))
    text = undefined
  }
  path.forEach((segment, index) => {
    if (index > 0) text = `${text ?? ''}.`
    if ('name' in segment) text = `${text ?? ''}${segment.name}`
    else {
      flush()
      parts.push(segment.variable)
    }
  })
  flush()
  // A lone index is a number: the field is its decimal text.
  return parts.length === 1 && !parts[0]?.startsWith('"') ? `String(${parts[0]})` : parts.join(' + ')
}

/** Property access to a field by name. */
function access(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? `.${name}` : `[${literal(name)}]`
}

/** A JavaScript literal for a string, number or boolean of the spec. */
function literal(value: unknown): string {
  if (typeof value === 'number') return number(value)
  return JSON.stringify(value)
}

/** A number as source text; JSON would write Infinity and NaN as null. */
function number(value: number): string {
  if (Object.is(value, -0)) return '-0'
  return String(value)
}

function indent(lines: string[]): string[] {
  return lines.map((line) => `  ${line}`)
}

/**
 * Refuses what the checks do not implement, so that a spec using it fails to
 * generate instead of leaving the rule unchecked.
 */
function validate(schema: unknown, where: string): void {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema))
    throw new Error(`${where}: a schema must be an object`)
  for (const [key, value] of Object.entries(schema)) {
    const at = `${where}/${key}`
    if (!keywords.has(key))
      throw new Error(`${at}: the checks do not know the keyword "${key}", so they could not enforce it`)
    if (numberKeywords.includes(key) && typeof value !== 'number') throw new Error(`${at}: must be a number`)
    if (key === 'type') {
      const types = typeof value === 'string' ? [value] : value
      if (!Array.isArray(types) || types.some((type) => !typeNames.has(type)))
        throw new Error(`${at}: ${JSON.stringify(value)} is not a JSON Schema type`)
    }
    if (key === 'enum' && !Array.isArray(value)) throw new Error(`${at}: must be a list`)
    if (key === 'enum') for (const candidate of value as unknown[]) assertJson(candidate, at)
    if (key === 'required' && (!Array.isArray(value) || value.some((name) => typeof name !== 'string')))
      throw new Error(`${at}: must be a list of names`)
    if (key === 'pattern') {
      if (typeof value !== 'string') throw new Error(`${at}: must be a string`)
      new RegExp(value, 'u')
    }
    if (key === 'patternInWords' && typeof value !== 'string') throw new Error(`${at}: must be a string`)
    if (key === 'anyOf') {
      if (!Array.isArray(value)) throw new Error(`${at}: must be a list`)
      value.forEach((branch, index) => {
        validate(branch, `${at}/${index}`)
      })
    }
    if (key === 'items') validate(value, at)
    if (key === 'additionalProperties' && typeof value !== 'boolean') validate(value, at)
    if (key === 'properties') {
      if (typeof value !== 'object' || value === null) throw new Error(`${at}: must be an object`)
      for (const [name, sub] of Object.entries(value)) validate(sub, `${at}/${name}`)
    }
  }
}

function assertJson(value: unknown, where: string): void {
  if (value === null || ['string', 'boolean'].includes(typeof value)) return
  if (typeof value === 'number') return
  if (Array.isArray(value)) {
    for (const item of value) assertJson(item, where)
    return
  }
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const item of Object.values(value)) assertJson(item, where)
    return
  }
  throw new Error(`${where}: ${String(value)} is not a JSON value`)
}
