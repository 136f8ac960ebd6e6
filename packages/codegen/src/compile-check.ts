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
  | 'fieldAt'
  | 'isJsonObject'
  | 'isOwnField'
  | 'isPlainObject'
  | 'requiredIssues'

/**
 * A step of a field's path: a fixed name, a variable of the generated code
 * (an object's key), or an item of a list, given as the list's prefix (an
 * expression, `"data.customerGroups."`) and the variable of the item's index.
 * The fields below an item are named from those two by the runtime's
 * `fieldAt`, only when an issue is found.
 */
type Segment = { name: string } | { variable: string } | { list: string; index: string }

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
 * Which schemas get a function of their own. `reused`: those reached from more
 * than one place whose check is longer than a call (what a spec shares as a
 * component, such as a group in every answer). `every`: every schema below the
 * root, so a test can hold the calls between functions to the interpreter too.
 */
export type Sharing = 'reused' | 'every'

export interface CheckWriterOptions {
  /** The spec's name for a schema, such as its component's, which a function of its own is named after. */
  nameOf?: (schema: Schema) => string | undefined
  sharing?: Sharing
}

/** A function of the module: an operation's check, a shared schema's, or both. */
interface CheckFunction {
  name: string
  schema: Schema
  mode: CheckMode
  /** An operation's check, which operations.ts imports. */
  exported: boolean
  /** Called by other checks, so it takes its place in the value's path as parameters. */
  called: boolean
  /**
   * `fields`: the check of one field of an object, by its name, for objects
   * whose every field is looked at and that name the same fields (Shoptet's
   * creation and update); it says whether the name is one of them.
   */
  kind?: 'fields'
}

/**
 * Writes TypeScript functions that add to `issues` every rule a value breaks,
 * with the same fields, codes, messages and order as the runtime's keyword
 * interpreter, but specialised: no schema data is read at run time, and a valid
 * value allocates nothing. Each operation's request and response gets a
 * function (identical schemas share one), and a schema reached from several
 * places (a spec's component, such as the group every answer lists) gets one
 * that the others call, so its checks are written once.
 */
export class CheckWriter {
  readonly #roots = new Map<string, CheckFunction>()
  readonly #options: Required<CheckWriterOptions>

  constructor(options: CheckWriterOptions = {}) {
    this.#options = { nameOf: () => undefined, sharing: 'reused', ...options }
  }

  /**
   * The name of the function that checks `schema`, as an operation's entry
   * point. `where` names the schema in errors: a keyword the checks do not know
   * stops generation rather than being skipped.
   */
  check(schema: Schema, mode: CheckMode, name: string, where: string): string {
    validate(schema, where)
    const key = keyOf(schema, mode)
    const existing = this.#roots.get(key)
    if (existing !== undefined) return existing.name
    this.#roots.set(key, { name, schema, mode, exported: true, called: false })
    return name
  }

  /** The module of every function asked for, the shared ones they call, and the runtime helpers they use. */
  module(): string {
    return new ModuleWriter([...this.#roots.values()], this.#options).module()
  }
}

/** One writing of the module: which schemas are shared, and the functions, patterns and helpers used. */
class ModuleWriter {
  readonly #functions = new Map<string, CheckFunction>()
  readonly #shared = new Set<string>()
  readonly #names = new Set<string>()
  readonly #patterns = new Map<string, string>()
  readonly #helpers = new Set<Helper>()
  /** The components that name each set of fields, for the name of their fields' function. */
  readonly #fieldsNames = new Map<string, string[]>()
  /** Each message said, in order, with how many times. */
  readonly #messages = new Map<string, { index: number; count: number }>()

  constructor(
    roots: CheckFunction[],
    private readonly options: Required<CheckWriterOptions>,
  ) {
    // Which schemas are shared: those more than one place reaches, and the spec's components. One
    // met again is not walked again: its own function checks what is below it, once. A component
    // that only the items of one list are is written in the loop: a call for each item of a long
    // list costs more time than it saves bytes.
    const reached = new Set<string>()
    const components = new Map<string, boolean>()
    const visit = (schema: Schema, mode: CheckMode, item: boolean, root = false) => {
      const key = keyOf(schema, mode)
      if (!root && options.nameOf(schema) !== undefined)
        components.set(key, (components.get(key) ?? true) && item)
      if (reached.has(key)) {
        this.#shared.add(key)
        return
      }
      reached.add(key)
      // Two objects that name the same fields, each looked at by name: the fields' checks are
      // one function, and what is below them is met once.
      const fields = fieldsKeyOf(schema, mode)
      const again = fields !== undefined && reached.has(fields)
      if (fields !== undefined) (again ? this.#shared : reached).add(fields)
      const name = options.nameOf(schema)
      if (fields !== undefined && name !== undefined)
        this.#fieldsNames.set(fields, [...(this.#fieldsNames.get(fields) ?? []), name])
      const named = new Set(Object.values((schema.properties ?? {}) as Record<string, Schema>))
      for (const child of childrenOf(schema))
        if (!(again && named.has(child))) visit(child, mode, child === schema.items)
    }
    for (const root of roots) {
      const key = keyOf(root.schema, root.mode)
      visit(root.schema, root.mode, false, true)
      this.#functions.set(key, { ...root })
      this.#names.add(root.name)
    }
    for (const [key, onlyItems] of components) if (!onlyItems) this.#shared.add(key)
    // An operation's check that another calls takes its place as parameters.
    for (const root of roots) {
      const fn = this.#functions.get(keyOf(root.schema, root.mode)) as CheckFunction
      fn.called = this.#shared.has(keyOf(root.schema, root.mode)) && this.#worth(root.schema)
    }
  }

  module(): string {
    // In turn; a shared function joins the map when first called, and a map's loop reaches what joins it.
    const sources: string[] = []
    for (const fn of this.#functions.values()) sources.push(this.#source(fn))
    const helpers = [...this.#helpers].sort()
    const patterns = [...this.#patterns].map(([literal, name]) => `const ${name} = ${literal}`)
    // A message the module says three times or more is a constant, which a minifier names in a
    // letter or two (fewer times, the constant's own bytes outweigh that in gzip).
    const names = new Set<string>()
    const constants: string[] = []
    const said = [...this.#messages].map(([text, { count }]) => {
      if (count < 3) return literal(text)
      const name = identifierOf(text, names)
      constants.push(`const ${name} = ${literal(text)}`)
      return name
    })
    return [
      `import { type ArgumentIssue${helpers.map((helper) => `, ${helper}`).join('')} } from '@customer-groups/runtime'`,
      '',
      ...(patterns.length > 0 ? [...patterns, ''] : []),
      ...(constants.length > 0 ? [...constants, ''] : []),
      ...sources.flatMap((source) => [source, '']),
    ]
      .join('\n')
      .replace(messageMark, (_, index: string) => said[Number(index)] as string)
  }

  /** A message as the code says it: a mark that module() turns into a constant or a literal. */
  message(text: string): string {
    const said = this.#messages.get(text) ?? { index: this.#messages.size, count: 0 }
    said.count++
    this.#messages.set(text, said)
    return `\u0000${said.index}\u0000`
  }

  #source(fn: CheckFunction): string {
    if (fn.kind === 'fields') {
      const cases = new FunctionWriter(this, fn.name, fn.mode, true).fields(fn.schema, 'value', [])
      return [
        `function ${fn.name}(key: string, value: unknown, issues: ArgumentIssue[], prefix: string, index?: number | string): boolean {`,
        ...indent([
          'switch (key) {',
          ...indent(cases.flatMap(({ lines }) => [...lines, '  return true'])),
          '}',
          'return false',
        ]),
        '}',
      ].join('\n')
    }
    const body = new FunctionWriter(this, fn.name, fn.mode, fn.called).node(fn.schema, 'value', [], true)
    // Only an operation's check is called without a place: it is then the root.
    const prefix = fn.exported ? "prefix = ''" : 'prefix: string'
    const place = fn.called ? `, ${prefix}, index?: number | string` : ''
    return [
      `${fn.exported ? 'export ' : ''}function ${fn.name}(value: unknown, issues: ArgumentIssue[]${place}): void {`,
      ...indent(body),
      '}',
    ].join('\n')
  }

  /** Whether a schema's check is long enough that a call to a function of its own is shorter. */
  #worth(schema: Schema): boolean {
    return this.options.sharing === 'every' || weightOf(schema) >= sharedWeight
  }

  /**
   * The function a schema below another's root is checked by, if it has one of
   * its own; `undefined` when its checks are written in place.
   */
  functionOf(schema: Schema, mode: CheckMode, place: () => string): string | undefined {
    const key = keyOf(schema, mode)
    const every = this.options.sharing === 'every'
    if (!every && !(this.#shared.has(key) && this.#worth(schema))) return undefined
    let fn = this.#functions.get(key)
    if (fn === undefined) {
      fn = { name: this.#nameFor(schema, place), schema, mode, exported: false, called: true }
      this.#functions.set(key, fn)
    }
    return fn.name
  }

  /** The function that checks a field of `schema` by its name, if objects that name the same fields share one. */
  fieldsFunctionOf(schema: Schema, mode: CheckMode, place: () => string): string | undefined {
    const key = fieldsKeyOf(schema, mode)
    if (key === undefined) return undefined
    const properties = Object.values(schema.properties as Record<string, Schema>)
    const weight = properties.reduce((sum, property) => sum + weightOf(property), 0)
    const every = this.options.sharing === 'every'
    if (!every && !(this.#shared.has(key) && weight >= sharedWeight)) return undefined
    let fn = this.#functions.get(key)
    if (fn === undefined) {
      // After what the components' names share (CustomerGroupFields of Create… and Update…).
      const components = this.#fieldsNames.get(key) ?? []
      const common = commonEnd(components)
      const name = this.#unique(
        components.length === 0 ? place() : `check${common.length >= 4 ? common : components[0]}Field`,
      )
      fn = { name, schema, mode, exported: false, called: true, kind: 'fields' }
      this.#functions.set(key, fn)
    }
    return fn.name
  }

  /** A component's check is named after it (`checkCustomerGroupSchema`), another after where it was first met. */
  #nameFor(schema: Schema, place: () => string): string {
    const component = this.options.nameOf(schema)
    return this.#unique(component === undefined ? place() : `check${component}Schema`)
  }

  #unique(base: string): string {
    let name = base
    for (let n = 2; this.#names.has(name); n++) name = `${base}${n}`
    this.#names.add(name)
    return name
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

/**
 * The body of one check function. An operation's check knows it checks the
 * root (`body`); a shared one is told where its value is, as `prefix` and
 * `index` (see the runtime's `fieldAt`), and names fields from those only when
 * it reports an issue.
 */
class FunctionWriter {
  #variables = 0

  constructor(
    private readonly writer: ModuleWriter,
    private readonly name: string,
    private readonly mode: CheckMode,
    private readonly placed: boolean,
  ) {}

  /** The function's name followed by the path: `checkUpdateCustomerGroupRequestPath`. */
  #nameAt(path: Segment[]): string {
    const steps = path.map((segment) =>
      'name' in segment ? segment.name.replace(/[^A-Za-z0-9]/g, '') : 'list' in segment ? 'Item' : 'Field',
    )
    return `${this.name}${steps.map((step) => step.charAt(0).toUpperCase() + step.slice(1)).join('')}`
  }

  #variable(prefix: string): string {
    this.#variables++
    return `${prefix}${this.#variables}`
  }

  /** Statements that check the value in variable `value`, found at `path`; `own` for the function's own schema. */
  node(schema: Schema, value: string, path: Segment[], own = false): string[] {
    const shared = own ? undefined : this.writer.functionOf(schema, this.mode, () => this.#nameAt(path))
    if (shared !== undefined) return [`${shared}(${value}, issues${this.#place(path)})`]
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

  /** Whether the check of a schema at its own place starts with a call to a shared function. */
  #callsInPlace(schema: Schema, path: Segment[]): boolean {
    if (this.writer.functionOf(schema, this.mode, () => this.#nameAt(path)) !== undefined) return true
    return ((schema.anyOf ?? []) as Schema[]).some((branch) => this.#callsInPlace(branch, path))
  }

  /** The arguments after `issues` that tell a shared function where its value is. */
  #place(path: Segment[]): string {
    const last = path.at(-1)
    if (last === undefined) return this.placed ? ', prefix, index' : ', ""'
    if ('list' in last) return `, ${last.list}, ${last.index}`
    if ('variable' in last) return `, ${this.#prefix(path.slice(0, -1))}, ${last.variable}`
    return `, ${this.#prefix(path)}`
  }

  /** The field at `path`, as an issue names it. */
  #field(path: Segment[]): string {
    const { base, rest } = splitAtItem(path)
    if (base !== undefined || this.placed) {
      const [prefix, index] = base === undefined ? ['prefix', 'index'] : [base.list, base.index]
      const at = this.writer.use('fieldAt')
      return rest.length === 0 ? `${at}(${prefix}, ${index})` : `${at}(${prefix}, ${index}, ${joined(rest)})`
    }
    return path.length === 0 ? '"body"' : joined(path)
  }

  /** What goes before the names of the fields of the object at `path`: `data.`, empty at the root. */
  #prefix(path: Segment[]): string {
    const { base, rest } = splitAtItem(path)
    const text = joined([...rest, { name: '' }])
    if (base !== undefined) return `${this.writer.use('fieldAt')}(${base.list}, ${base.index}, ${text})`
    return this.placed ? `${this.writer.use('fieldAt')}(prefix, index, ${text})` : text
  }

  /**
   * The statement that adds one issue. The helper names the field from the
   * parts `fieldAt` takes, after the message: the path (from the item or the
   * place the function was given), then that place.
   */
  #report(path: Segment[], code: IssueCode, message: string): string {
    const { base, rest } = splitAtItem(path)
    const place = base === undefined ? (this.placed ? ['prefix', 'index'] : []) : [base.list, base.index]
    const steps = rest.length > 0 ? [joined(rest)] : place.length > 0 ? ['undefined'] : []
    const said = [this.writer.message(message), ...steps, ...place].join(', ')
    return `${this.writer.use('addIssue')}(issues, ${literal(code)}, ${said})`
  }

  /** Adds a `required` issue for each name `object` lacks; `missing` is the quick test that one does. */
  #required(object: string, names: string[], path: Segment[], missing: string | undefined): string[] {
    if (names.length === 0) return []
    const prefix = this.#prefix(path)
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
    return `${this.writer.use(this.mode === 'json' ? 'isJsonObject' : 'isPlainObject')}(${value})`
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
    if (branches.every((branch) => Object.keys(branch).every((keyword) => keyword === 'type'))) {
      // Branches that only name types: the value fails them all only when it has none of those
      // types, and each then finds just its type issue, so the one issue is the list of types.
      if (branches.some((branch) => branch.type === undefined)) return []
      const tests = [...new Set(types)].map((type) => this.#typeTest(type, value))
      return [
        `if (!(${tests.length === 0 ? 'false' : tests.join(' || ')})) ${this.#report(path, 'type', message)}`,
      ]
    }
    const start = this.#variable('start')
    const found = this.#variable('found')
    const helper = `${this.writer.use('anyOfIssues')}(issues, ${found}, ${this.#field(path)}, ${this.writer.message(message)})`
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
      // The items' fields are named from the list's prefix, kept in a constant, except in an item
      // of another list, where that would join it for every item of that list: there it is joined
      // only for an issue, unless each item's check is a call, which needs it anyway.
      const prefix = this.#prefix(path)
      const inItem = splitAtItem(path).base !== undefined
      const calls = this.#callsInPlace(items, [...path, { list: prefix, index }])
      const hoisted = !inItem || calls ? this.#variable('at') : undefined
      const check = this.node(items, item, [...path, { list: hoisted ?? prefix, index }])
      if (check.length > 0) {
        lines.push(
          ...(hoisted === undefined ? [] : [`const ${hoisted} = ${prefix}`]),
          `for (let ${index} = 0; ${index} < ${list}.length; ${index}++) {`,
          ...indent([`const ${item} = ${list}[${index}]`, ...check]),
          '}',
        )
      }
    }
    if (lines.length === 1) return []
    return only(types, ['array']) ? lines : [`if (Array.isArray(${value})) {`, ...indent(lines), '}']
  }

  /**
   * A case of a switch on a field's name for each field `schema` names, checking the
   * field's value in `field` when it is given; `checked` when there is a check.
   */
  fields(schema: Schema, field: string, path: Segment[]): { lines: string[]; checked: boolean }[] {
    return Object.entries((schema.properties ?? {}) as Record<string, Schema>).map(([name, sub]) => {
      const check = this.node(sub, field, [...path, { name }])
      const guarded = check.length > 0 ? [`if (${field} !== undefined) {`, ...indent(check), '}'] : []
      return { lines: [`case ${literal(name)}:`, ...indent(guarded)], checked: check.length > 0 }
    })
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
      const shared = this.writer.fieldsFunctionOf(schema, this.mode, () => `${this.#nameAt(path)}Field`)
      if (shared !== undefined) {
        // The object's place, joined once before the loop rather than for every field.
        let place = this.#place(path)
        if (place.includes('(')) {
          const at = this.#variable('at')
          lines.push(`const ${at} = ${this.#prefix(path)}`)
          place = `, ${at}`
        }
        const call = `${shared}(${key}, ${field}, issues${place})`
        loop.push(
          otherwise.length > 0 ? `if (!${call}) {` : call,
          ...indent(otherwise),
          ...(otherwise.length > 0 ? ['}'] : []),
        )
      } else {
        const cases = this.fields(schema, field, path)
        if (otherwise.length > 0 || cases.some(({ checked }) => checked)) {
          loop.push(
            `switch (${key}) {`,
            ...indent([
              ...cases.flatMap(({ lines }) => [...lines, '  break']),
              ...(otherwise.length > 0 ? ['default: {', ...indent(otherwise), '}'] : []),
            ]),
            '}',
          )
        }
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

/**
 * The path as an expression of its names joined with dots, as the interpreter
 * joins them: `"data.customerGroups." + index6 + ".id"`; `""` for no step, and
 * a lone variable as it is (an index is then a number).
 */
function joined(path: Segment[]): string {
  if (path.length === 0) return '""'
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
      parts.push('variable' in segment ? segment.variable : segment.index)
    }
  })
  flush()
  return parts.join(' + ')
}

/**
 * Where module() puts each message: the mark message() wrote. A NUL cannot be
 * anywhere else in the module: every text from the spec is written as a JSON
 * literal, which escapes it.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the NUL is the point, see above
const messageMark = /\u0000(\d+)\u0000/g

/** A name for a message's constant, in its words: `mustBeAString`; `names` holds those taken. */
function identifierOf(text: string, names: Set<string>): string {
  const words = text.match(/[A-Za-z0-9]+/g) ?? []
  const camel = words.map((word, index) =>
    index === 0 ? word : word.charAt(0).toUpperCase() + word.slice(1),
  )
  const joinedWords = camel.join('')
  const stem =
    /^[a-z]\w{0,39}$/.test(joinedWords) && !generatedName.test(joinedWords) ? joinedWords : 'message'
  let name = stem
  for (let n = 2; names.has(name); n++) name = `${stem}${n}`
  names.add(name)
  return name
}

/**
 * The names the generated code gives itself (parameters, helpers, patterns,
 * functions, numbered variables): a message's constant must not take one.
 */
const generatedName =
  /^(value|issues|prefix|index|undefined|message\d*|check\w*|addIssue|anyOfIssues|codePointLength|fieldAt|isJsonObject|isOwnField|isPlainObject|requiredIssues|(object|field|key|list|index|item|start|found|length|count|at|pattern)\d+)$/

/** The path from its innermost list item on (`base`), or all of it when it crosses no list. */
function splitAtItem(path: Segment[]): { base?: { list: string; index: string }; rest: Segment[] } {
  const at = path.findLastIndex((segment) => 'list' in segment)
  if (at < 0) return { rest: path }
  return { base: path[at] as { list: string; index: string }, rest: path.slice(at + 1) }
}

/** Every schema a schema's check reaches directly. */
function childrenOf(schema: Schema): Schema[] {
  const { properties, items, additionalProperties, anyOf } = schema as {
    properties?: Record<string, Schema>
    items?: Schema
    additionalProperties?: boolean | Schema
    anyOf?: Schema[]
  }
  return [
    ...Object.values(properties ?? {}),
    ...(items === undefined ? [] : [items]),
    ...(typeof additionalProperties === 'object' ? [additionalProperties] : []),
    ...(anyOf ?? []),
  ]
}

/**
 * What tells the fields of an object apart, when its check looks at every
 * field by its name (a caller's object, or one that limits its fields);
 * `undefined` for an object checked otherwise or that names no field.
 */
function fieldsKeyOf(schema: Schema, mode: CheckMode): string | undefined {
  const { properties, additionalProperties, minProperties, maxProperties } = schema
  if (properties === undefined || Object.keys(properties as object).length === 0) return undefined
  const everyField =
    mode === 'caller' ||
    additionalProperties === false ||
    typeof additionalProperties === 'object' ||
    minProperties !== undefined ||
    maxProperties !== undefined
  return everyField ? `${mode}:fields:${JSON.stringify(properties)}` : undefined
}

/** The longest run of whole words (in PascalCase) that every one of `names` ends with. */
function commonEnd(names: string[]): string {
  const [first = '', ...others] = names
  let length = first.length
  for (const other of others) {
    let shared = 0
    while (shared < Math.min(length, other.length) && first.at(-1 - shared) === other.at(-1 - shared))
      shared++
    length = shared
  }
  // From a word's start: Create… and Update… share "ate", a word less.
  const end = first.slice(first.length - length)
  const word = end.search(/[A-Z]/)
  return word < 0 ? '' : end.slice(word)
}

/** What tells two schemas' checks apart: a caller's value is checked differently from parsed JSON. */
function keyOf(schema: Schema, mode: CheckMode): string {
  return `${mode}:${JSON.stringify(schema)}`
}

/**
 * About how many rules a schema's check has, each a statement or so: a shared
 * schema with fewer is written in place, where it is as short as a call.
 */
function weightOf(schema: Schema): number {
  let weight = 0
  for (const key of Object.keys(schema)) if (ruleKeywords.has(key)) weight++
  return childrenOf(schema).reduce((sum, child) => sum + weightOf(child), weight)
}

/** Keywords that each add a rule to a check. */
const ruleKeywords = new Set([...keywords].filter((keyword) => keyword !== 'patternInWords'))
/** The weight from which a schema reached from several places gets a function of its own. */
const sharedWeight = 4

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
