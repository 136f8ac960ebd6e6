// What users would assemble instead of our packages, with the same features (retries honouring
// Retry-After, a timeout per attempt, hooks, request and response validation, typed errors), built
// from our own specs: validators generated from the same JSON schemas our checks come from (valibot,
// zod/mini, Ajv standalone), or the hey-api SDK generated from the spec itself (client-ky, valibot).
// Written to bench/.assemblies/, which git ignores, for the size section to bundle.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { listOperations, loadSpec, type OperationInfo } from '@customer-groups/codegen'
import { type ProviderId, specPathOf } from '@customer-groups/registry'
// CommonJS modules: their `default` is the class and the function.
import ajvModule from 'ajv'
import standaloneModule from 'ajv/dist/standalone/index.js'

const here = dirname(fileURLToPath(import.meta.url))
const outputRoot = join(here, '..', '.assemblies')
const runner = join(here, 'assembly', 'openapi-fetch-ky.ts')
const errors = join(here, 'assembly', 'errors.ts')

type Schema = Record<string, unknown>
export type AssemblyName =
  | 'openapi-fetch + ky + valibot + errors'
  | 'openapi-fetch + ky + Ajv standalone + errors'
  | 'openapi-fetch + ky + zod/mini + errors'
  | 'hey-api SDK (client-ky) + valibot + errors'

export interface Assembly {
  name: AssemblyName
  /** Entry files: the update with what it needs to make a client, and every operation. */
  updateOnly: string
  whole: string
}

/** One assembly's schema library: how a schema is written in it, and how a value is checked. */
interface Library {
  file: string
  module(checks: [string, Schema][]): string
  /** Source of a function checking `value` against the named export of the module, throwing when invalid. */
  validate(name: string): string
  imports: string
}

/** Writes every assembly for `provider`; returns their entry files. */
export async function writeAssemblies(provider: ProviderId): Promise<Assembly[]> {
  const folder = join(outputRoot, provider)
  rmSync(folder, { recursive: true, force: true })
  mkdirSync(folder, { recursive: true })
  const operations = listOperations(loadSpec(specPathOf(provider)).document)
  const update = operations.find((operation) => operation.operationId === 'updateCustomerGroup')
  if (update === undefined) throw new Error(`${provider} has no updateCustomerGroup`)
  const assemblies: Assembly[] = []
  for (const [name, library] of [
    ['openapi-fetch + ky + valibot + errors', valibot],
    ['openapi-fetch + ky + Ajv standalone + errors', ajv],
    ['openapi-fetch + ky + zod/mini + errors', zodMini],
  ] as const) {
    const base = join(folder, library.file)
    writeFileSync(`${base}.ts`, library.module(operations.flatMap(checksOf)))
    const entry = (selected: OperationInfo[]) =>
      [
        `import { createAssemblyClient, send } from ${JSON.stringify(runner)}`,
        library.imports,
        `import * as schemas from './${library.file}.js'`,
        'export { createAssemblyClient }',
        ...selected.map((operation) => {
          const responses = Object.entries(operation.responses).map(
            ([status, schema]) =>
              `${status}: ${schema === null ? 'null' : library.validate(`${operation.operationId}${status}`)}`,
          )
          return `export const ${operation.operationId} = (client, request) => send(client, ${JSON.stringify(operation.method)}, ${JSON.stringify(operation.path)}, request, ${library.validate(`${operation.operationId}Request`)}, { ${responses.join(', ')} })`
        }),
        '',
      ].join('\n')
    const updateOnly = join(folder, `${library.file}-update.ts`)
    const whole = join(folder, `${library.file}-whole.ts`)
    writeFileSync(updateOnly, entry([update]))
    writeFileSync(whole, entry(operations))
    assemblies.push({ name, updateOnly, whole })
  }
  assemblies.push(await heyApi(provider, folder))
  return assemblies
}

/** The request check and each response check of an operation, named as the entries import them. */
function checksOf(operation: OperationInfo): [string, Schema][] {
  const checks: [string, Schema][] = [[`${operation.operationId}Request`, operation.requestSchema]]
  for (const [status, schema] of Object.entries(operation.responses))
    if (schema !== null) checks.push([`${operation.operationId}${status}`, schema])
  return checks
}

function typesOf(schema: Schema): string[] | undefined {
  const { type } = schema
  return type === undefined ? undefined : typeof type === 'string' ? [type] : (type as string[])
}

function regex(pattern: string): string {
  return `/${new RegExp(pattern, 'u').source}/u`
}

const valibot: Library = {
  file: 'valibot',
  imports: "import * as v from 'valibot'",
  validate: (name) => `(value) => v.parse(schemas.${name}, value)`,
  module: (checks) =>
    [
      "import * as v from 'valibot'",
      ...checks.map(([name, schema]) => `export const ${name} = ${toValibot(schema)}`),
      '',
    ].join('\n'),
}

function toValibot(schema: Schema): string {
  if (Array.isArray(schema.anyOf)) return `v.union([${(schema.anyOf as Schema[]).map(toValibot).join(', ')}])`
  if (Array.isArray(schema.enum)) return `v.picklist(${JSON.stringify(schema.enum)})`
  const types = typesOf(schema) ?? (schema.properties === undefined ? [] : ['object'])
  const typed = types.filter((type) => type !== 'null').map((type) => valibotOf(type, schema))
  if (typed.length === 0) return types.includes('null') ? 'v.null()' : 'v.unknown()'
  const one = typed.length === 1 ? (typed[0] as string) : `v.union([${typed.join(', ')}])`
  return types.includes('null') ? `v.nullable(${one})` : one
}

function valibotOf(type: string, schema: Schema): string {
  const pipe = (base: string, actions: (string | false)[]) => {
    const present = actions.filter((action): action is string => action !== false)
    return present.length === 0 ? base : `v.pipe(${[base, ...present].join(', ')})`
  }
  const bounds = [
    schema.minimum !== undefined && `v.minValue(${schema.minimum})`,
    schema.maximum !== undefined && `v.maxValue(${schema.maximum})`,
    schema.exclusiveMinimum !== undefined && `v.gtValue(${schema.exclusiveMinimum})`,
    schema.exclusiveMaximum !== undefined && `v.ltValue(${schema.exclusiveMaximum})`,
  ]
  switch (type) {
    case 'string':
      return pipe('v.string()', [
        schema.minLength !== undefined && `v.minLength(${schema.minLength})`,
        schema.maxLength !== undefined && `v.maxLength(${schema.maxLength})`,
        typeof schema.pattern === 'string' && `v.regex(${regex(schema.pattern)})`,
      ])
    case 'integer':
      return pipe('v.number()', ['v.safeInteger()', ...bounds])
    case 'number':
      return pipe('v.number()', ['v.finite()', ...bounds])
    case 'boolean':
      return 'v.boolean()'
    case 'array':
      return pipe(
        `v.array(${schema.items === undefined ? 'v.unknown()' : toValibot(schema.items as Schema)})`,
        [
          schema.minItems !== undefined && `v.minLength(${schema.minItems})`,
          schema.maxItems !== undefined && `v.maxLength(${schema.maxItems})`,
        ],
      )
    default: {
      const required = new Set((schema.required ?? []) as string[])
      const fields = Object.entries((schema.properties ?? {}) as Record<string, Schema>).map(
        ([name, sub]) =>
          `${JSON.stringify(name)}: ${required.has(name) ? toValibot(sub) : `v.optional(${toValibot(sub)})`}`,
      )
      const shape = `{ ${fields.join(', ')} }`
      const { additionalProperties } = schema
      const base =
        additionalProperties === false
          ? `v.strictObject(${shape})`
          : typeof additionalProperties === 'object'
            ? `v.objectWithRest(${shape}, ${toValibot(additionalProperties as Schema)})`
            : `v.looseObject(${shape})`
      return pipe(base, [
        schema.minProperties !== undefined &&
          `v.check((object) => Object.keys(object).length >= ${schema.minProperties})`,
        schema.maxProperties !== undefined &&
          `v.check((object) => Object.keys(object).length <= ${schema.maxProperties})`,
      ])
    }
  }
}

const zodMini: Library = {
  file: 'zod-mini',
  imports: '',
  validate: (name) => `(value) => schemas.${name}.parse(value)`,
  module: (checks) =>
    [
      "import * as z from 'zod/mini'",
      ...checks.map(([name, schema]) => `export const ${name} = ${toZod(schema)}`),
      '',
    ].join('\n'),
}

function toZod(schema: Schema): string {
  if (Array.isArray(schema.anyOf)) return `z.union([${(schema.anyOf as Schema[]).map(toZod).join(', ')}])`
  if (Array.isArray(schema.enum)) return `z.enum(${JSON.stringify(schema.enum)})`
  const types = typesOf(schema) ?? (schema.properties === undefined ? [] : ['object'])
  const typed = types.filter((type) => type !== 'null').map((type) => zodOf(type, schema))
  if (typed.length === 0) return types.includes('null') ? 'z.null()' : 'z.unknown()'
  const one = typed.length === 1 ? (typed[0] as string) : `z.union([${typed.join(', ')}])`
  return types.includes('null') ? `z.nullable(${one})` : one
}

function zodOf(type: string, schema: Schema): string {
  const check = (base: string, checks: (string | false)[]) => {
    const present = checks.filter((item): item is string => item !== false)
    return present.length === 0 ? base : `${base}.check(${present.join(', ')})`
  }
  const bounds = [
    schema.minimum !== undefined && `z.gte(${schema.minimum})`,
    schema.maximum !== undefined && `z.lte(${schema.maximum})`,
    schema.exclusiveMinimum !== undefined && `z.gt(${schema.exclusiveMinimum})`,
    schema.exclusiveMaximum !== undefined && `z.lt(${schema.exclusiveMaximum})`,
  ]
  switch (type) {
    case 'string':
      return check('z.string()', [
        schema.minLength !== undefined && `z.minLength(${schema.minLength})`,
        schema.maxLength !== undefined && `z.maxLength(${schema.maxLength})`,
        typeof schema.pattern === 'string' && `z.regex(${regex(schema.pattern)})`,
      ])
    case 'integer':
      return check('z.int()', bounds)
    case 'number':
      return check('z.number()', bounds)
    case 'boolean':
      return 'z.boolean()'
    case 'array':
      return check(`z.array(${schema.items === undefined ? 'z.unknown()' : toZod(schema.items as Schema)})`, [
        schema.minItems !== undefined && `z.minLength(${schema.minItems})`,
        schema.maxItems !== undefined && `z.maxLength(${schema.maxItems})`,
      ])
    default: {
      const required = new Set((schema.required ?? []) as string[])
      const fields = Object.entries((schema.properties ?? {}) as Record<string, Schema>).map(
        ([name, sub]) =>
          `${JSON.stringify(name)}: ${required.has(name) ? toZod(sub) : `z.optional(${toZod(sub)})`}`,
      )
      const shape = `{ ${fields.join(', ')} }`
      const { additionalProperties } = schema
      const base =
        additionalProperties === false
          ? `z.strictObject(${shape})`
          : typeof additionalProperties === 'object'
            ? `z.catchall(z.object(${shape}), ${toZod(additionalProperties as Schema)})`
            : `z.looseObject(${shape})`
      return check(base, [
        schema.minProperties !== undefined &&
          `z.refine((object) => Object.keys(object).length >= ${schema.minProperties})`,
        schema.maxProperties !== undefined &&
          `z.refine((object) => Object.keys(object).length <= ${schema.maxProperties})`,
      ])
    }
  }
}

/** Ajv's standalone code: each schema compiled to a function ahead of time, every issue listed. */
const ajv: Library = {
  file: 'ajv',
  imports: `import { ValidationError } from ${JSON.stringify(errors)}`,
  validate: (name) =>
    `(value) => { if (!schemas.${name}(value)) throw new ValidationError(schemas.${name}.errors); return value }`,
  module: (checks) => {
    const compiler = new ajvModule.default({
      code: { source: true, esm: true },
      allErrors: true,
      strict: false,
    })
    for (const [name, schema] of checks) compiler.addSchema(schema, name)
    const names = Object.fromEntries(checks.map(([name]) => [name, name]))
    // Ajv's ES module output still require()s its runtime helpers (ucs2length): make them imports.
    // Node's default import of a CommonJS module is its exports, a bundler's may be `exports.default`.
    const helpers: string[] = []
    const code = standaloneModule
      .default(compiler, names)
      .replace(/require\(("[^"]+")\)/g, (_: string, path: string) => {
        const name = `helper${helpers.length}`
        helpers.push(`import ${name} from ${path}`)
        return `{ default: ${name}.default ?? ${name} }`
      })
    return ['// @ts-nocheck', ...helpers, code].join('\n')
  },
}

/** The hey-api SDK generated from the spec, with its ky client and valibot validators. */
async function heyApi(provider: ProviderId, folder: string): Promise<Assembly> {
  const { createClient } = await import('@hey-api/openapi-ts')
  const output = join(folder, 'hey-api')
  await createClient({
    input: specPathOf(provider),
    output: { path: output, postProcess: [] },
    logs: { level: 'silent' },
    plugins: ['@hey-api/client-ky', 'valibot', { name: '@hey-api/sdk', validator: true }],
  } as never)
  const configure = [
    "import { client } from './hey-api/client.gen.js'",
    `import { connectionError, errorFor } from ${JSON.stringify(errors)}`,
    '/** Retries honouring Retry-After, a timeout per attempt, hooks and typed errors, as the other assemblies have. */',
    'export function configure(settings) {',
    '  client.setConfig({ baseUrl: settings.baseUrl, headers: settings.headers, timeout: settings.timeoutMs ?? 60000, throwOnError: true,',
    "    retry: { limit: settings.maxRetries ?? 2, methods: ['get', 'put', 'patch', 'post', 'delete'], statusCodes: [408, 409, 429, 500, 502, 503, 504] },",
    '    kyOptions: { hooks: settings.hooks, fetch: settings.fetch } })',
    '  client.interceptors.error.use((error, response) => (response ? errorFor(response, error) : connectionError(error)))',
    '}',
  ]
  const updateOnly = join(folder, 'hey-api-update.ts')
  const whole = join(folder, 'hey-api-whole.ts')
  writeFileSync(
    updateOnly,
    [...configure, "export { updateCustomerGroup } from './hey-api/sdk.gen.js'", ''].join('\n'),
  )
  writeFileSync(whole, [...configure, "export * from './hey-api/sdk.gen.js'", ''].join('\n'))
  return { name: 'hey-api SDK (client-ky) + valibot + errors', updateOnly, whole }
}
