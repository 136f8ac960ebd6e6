import type { CallOptions, ClientSettings } from '../http/client-settings.js'
import type { ProviderProtocol } from '../http/protocol.js'
import { createTransport, type Transport } from '../http/transport.js'
import type { APIPromise } from '../operation/api-promise.js'
import type { Operation } from '../operation/define-operation.js'
import type { OperationName, ProviderTypes } from './customer-group-provider.js'
import type { DescribedProvider } from './described-provider.js'
import type { ProviderEntry } from './provider-entry.js'
import type { AnyOperation, NormalizedShape, ProviderOperations } from './provider-operations.js'

/** A provider's operations, by operationId: the one table its client, its types and the facade are built from. */
export type OperationTable = Readonly<Record<string, AnyOperation>>

/** Everything a provider package declares once; `createProviderClient` builds each client from it. */
export interface ProviderPackage<
  Table extends OperationTable = OperationTable,
  Types extends ProviderTypes = ProviderTypes,
> extends NormalizedShape<Types> {
  protocol: ProviderProtocol<Types['facts']>
  /** Every operation, each one a method of the client under its operationId. */
  table: Table
}

/** A client's own method for an operation: the operation's one flat object of parameters, and call options. */
export type OperationMethod<Op, Facts> =
  Op extends Operation<infer Params, infer Data>
    ? undefined extends Params
      ? (params?: Params, options?: CallOptions) => APIPromise<Data, Facts>
      : (params: Params, options?: CallOptions) => APIPromise<Data, Facts>
    : never

/** The client's own methods: one per operation of the table. */
export type OperationMethods<Table extends OperationTable, Facts> = {
  readonly [Id in keyof Table]: OperationMethod<Table[Id], Facts>
}

/**
 * A provider's client: its own operations in its own terms (one method per
 * operation of its table) and the pipeline. The facade takes it as it is
 * (see `DescribedProvider`); the typed openapi-fetch client is made from it by
 * the package's `./api` entry point (`create<Name>Api(client)`).
 */
export type ProviderClient<
  Table extends OperationTable,
  Types extends ProviderTypes,
  Paths extends {},
> = DescribedProvider<Types> &
  OperationMethods<Table, Types['facts']> & {
    /** The pipeline every call goes through; pass it to an operation imported alone, as in `updateCustomerGroup.send(client.transport, params)`. */
    readonly transport: Transport<Paths, Types['facts']>
  }

type NoOptions = Record<string, never>
type ParamsOf<Op> = Op extends Operation<infer Params, unknown> ? NonNullable<Params> : never
type DataOf<Op> = Op extends Operation<unknown, infer Data> ? Data : never
/** The operation the facade's `role` uses: its own, or for `get` without one, the list's. */
type OperationOf<Operations, Role extends OperationName> = Operations extends {
  [Key in Role]: { operation: infer Op }
}
  ? Op
  : Role extends 'get'
    ? OperationOf<Operations, 'list'>
    : never
/** The operation's parameters but the group's id and the normalized fields, or none. */
type OptionsOf<Op, Normalized extends PropertyKey> = [Op] extends [never]
  ? NoOptions
  : keyof Omit<ParamsOf<Op>, 'id' | Normalized> extends never
    ? NoOptions
    : Omit<ParamsOf<Op>, 'id' | Normalized>

/**
 * What the facade infers from a provider, read from its table: the options of
 * each normalized operation (its parameters but the id, which is the path's
 * `id`, and the normalized fields) and its raw answer. `Metadata` is what
 * `providerMetadata.<id>` holds, `Facts` what its responses' headers say.
 */
export interface DerivedTypes<
  Id extends string,
  Operations extends ProviderOperations,
  Fields extends { readonly name?: string; readonly description?: string },
  Metadata extends object,
  Facts extends object,
> {
  readonly id: Id
  readonly options: {
    /** The list's parameters (its filters). */
    readonly list: RoleOptions<Operations, Fields, 'list'>
    /** The parameters of the operation that reads one group (the list's, where there is none). */
    readonly get: RoleOptions<Operations, Fields, 'get'>
    /** The create's fields beyond name and description. */
    readonly create: RoleOptions<Operations, Fields, 'create'>
    /** The update's parameters and fields beyond the id, name and description. */
    readonly update: RoleOptions<Operations, Fields, 'update'>
    /** The delete's parameters beyond the id. */
    readonly delete: RoleOptions<Operations, Fields, 'delete'>
  }
  readonly metadata: Metadata
  readonly raw: {
    /** The list's answer. */
    readonly list: DataOf<OperationOf<Operations, 'list'>>
    /** The answer `get` reads the group from (the list's, where there is no endpoint for one). */
    readonly get: DataOf<OperationOf<Operations, 'get'>>
    /** The create's answer. */
    readonly create: DataOf<OperationOf<Operations, 'create'>>
    /** The update's answer. */
    readonly update: DataOf<OperationOf<Operations, 'update'>>
    /** The delete's answer. */
    readonly delete: DataOf<OperationOf<Operations, 'delete'>>
  }
  readonly facts: Facts
}

type RoleOptions<Operations, Fields, Role extends OperationName> = OptionsOf<
  OperationOf<Operations, Role>,
  Fields[keyof Fields] & PropertyKey
>

/** The settings a provider's client takes: every client's, and one string per credential of its entry. */
export type ProviderSettings<Entry extends ProviderEntry> = ClientSettings & {
  [Setting in Entry['credentials'][number]['setting']]?: string | undefined
}

/**
 * A provider package's client factory, made once from what the package
 * declares: its protocol, its table of operations, the facade roles they take
 * and how its groups read in the normalized shape. Every provider package's
 * `create<Name>` is this.
 */
export function clientFactory<Client extends DescribedProvider, Settings extends ClientSettings>(
  protocol: ProviderProtocol<unknown>,
  table: OperationTable,
  facade: Omit<NormalizedShape, 'normalizeGroup'>,
  normalizeGroup: NormalizedShape['normalizeGroup'],
): (settings?: Settings) => Client {
  return (settings) =>
    createProviderClient<Client>(
      { protocol: protocol as ProviderProtocol, table, ...facade, normalizeGroup },
      settings ?? ({} as Settings),
    )
}

/** The pipeline alone of a provider, for an app that imports single operations: `create<Name>Transport`. */
export function transportFactory<Paths extends {}, Facts, Settings extends ClientSettings>(
  protocol: ProviderProtocol<Facts>,
): (settings?: Settings) => Transport<Paths, Facts> {
  return (settings) => createTransport<Paths, Facts>(protocol, settings ?? {})
}

/**
 * Builds a provider's client from what its package declares once: the
 * pipeline (`createTransport`) and one method per operation of its table.
 * The facade's interface is not built here: the client carries what it is
 * built from (`~provider`, not enumerable), and the facade builds it on first
 * use (`asCustomerGroupProvider`), so an app that uses the client alone does
 * not ship it. Every provider package's factory is this one call.
 */
export function createProviderClient<Client extends DescribedProvider>(
  definition: ProviderPackage,
  settings: ClientSettings,
): Client {
  const transport = createTransport<object, ProviderTypes['facts']>(definition.protocol, settings)
  const client: Record<string, unknown> = { providerId: transport.providerId, transport }
  for (const name of Object.keys(definition.table)) {
    const operation = definition.table[name] as AnyOperation
    client[name] = (params: unknown, options?: CallOptions) => operation.send(transport, params, options)
  }
  Object.defineProperty(client, '~provider', { value: { ...definition, transport } })
  return client as Client
}
