import { type ArgumentIssue, InvalidArgumentError } from '../errors.js'
import type { CallOptions } from '../http/client-settings.js'
import type { OutgoingRequest } from '../http/request.js'
import type { Transport } from '../http/transport.js'
import { setDataField } from '../provider/set-data-field.js'
import { isPlainObject, type JsonSchema } from '../validation/json-schema.js'
import { type RequestParts, requestIssues } from '../validation/request-issues.js'
import { APIPromise } from './api-promise.js'
import type { OperationFacts } from './operation-facts.js'
import { pathTemplate, queryString } from './serialize.js'

/** What a provider writes for one operation beyond its generated facts. */
export interface OperationSpec<Data> {
  facts: OperationFacts<Data>
  /**
   * The property the provider wraps every request body in (Shoptet: `data`).
   * Callers pass the fields unwrapped, and errors name them that way.
   */
  bodyEnvelope?: string
}

/**
 * One operation of a provider, called with one flat object of parameters:
 * path parameters, query parameters and body fields side by side, split by
 * the spec's facts. Checked against the spec, then sent through the pipeline.
 */
export interface Operation<Params, Data> {
  readonly facts: OperationFacts<Data>
  /** The schema of the body fields as the caller passes them (inside any envelope); `undefined` without a body. */
  readonly fields: JsonSchema | undefined
  /** The property the provider wraps the body in, if any. */
  readonly bodyEnvelope: string | undefined
  /** Every rule `params` break, found without sending anything. */
  check(params: Params): ArgumentIssue[]
  /** The request `params` make, serialized, or every rule they break; nothing is sent. */
  prepare(params: Params): { issues: ArgumentIssue[] } | { request: OutgoingRequest }
  /** Sends a request `prepare` made. */
  sendPrepared<Facts>(
    transport: Transport<object, Facts>,
    request: OutgoingRequest,
    options?: CallOptions,
  ): APIPromise<Data, Facts>
  /** Checks `params`, then sends the request; rejects with `InvalidArgumentError` before sending when they are bad. */
  send<Facts>(
    transport: Transport<object, Facts>,
    params: Params,
    options?: CallOptions,
  ): APIPromise<Data, Facts>
}

export function defineOperation<Params extends object | undefined, Data>(
  spec: OperationSpec<Data>,
): Operation<Params, Data> {
  const { facts, bodyEnvelope } = spec
  const { responses } = facts
  const bodyPrefix = bodyEnvelope === undefined ? '' : `${bodyEnvelope}.`
  const pathNames = new Set(facts.parameters.path)
  const queryNames = new Set(facts.parameters.query)
  const hasBody = facts.request.properties?.body !== undefined
  const fillPath = pathTemplate(facts.path)

  /** Splits the flat parameters into path, query and body; issues for what cannot go anywhere. */
  function parts(params: Params): RequestParts | ArgumentIssue[] {
    if (params !== undefined && !isPlainObject(params)) {
      return [{ field: 'params', code: 'type', message: 'must be a plain object' }]
    }
    const request: RequestParts = {}
    const path: Record<string, unknown> | undefined = pathNames.size > 0 ? {} : undefined
    const fields: Record<string, unknown> | undefined = hasBody ? {} : undefined
    let query: Record<string, unknown> | undefined
    let unknown: ArgumentIssue[] | undefined
    // Own fields only, without an array per field: this runs on every call.
    if (params !== undefined) {
      for (const name of Object.keys(params)) {
        const value = (params as Record<string, unknown>)[name]
        // A field named `__proto__` (JSON.parse makes one) stays a field, for the checks to name.
        if (path !== undefined && pathNames.has(name)) setDataField(path, name, value)
        else if (queryNames.has(name)) {
          if (value === undefined) continue
          query ??= {}
          setDataField(query, name, value)
        } else if (fields !== undefined) setDataField(fields, name, value)
        else {
          unknown ??= []
          unknown.push({
            field: name,
            code: 'unknown-field',
            message: 'is not a parameter of this operation',
          })
        }
      }
    }
    if (unknown !== undefined) return unknown
    if (path !== undefined) request.path = path
    if (query !== undefined) request.query = query
    if (fields !== undefined) request.body = bodyEnvelope === undefined ? fields : { [bodyEnvelope]: fields }
    return request
  }

  function check(params: Params): ArgumentIssue[] {
    const request = parts(params)
    return Array.isArray(request) ? request : requestIssues(facts.request, request, bodyPrefix)
  }

  function prepare(params: Params): { issues: ArgumentIssue[] } | { request: OutgoingRequest } {
    const request = parts(params)
    const issues = Array.isArray(request) ? request : requestIssues(facts.request, request, bodyPrefix)
    if (issues.length > 0 || Array.isArray(request)) return { issues }
    let path = request.path === undefined ? facts.path : fillPath(request.path)
    if (request.query !== undefined) {
      const query = queryString(request.query)
      if (query !== '') path += `?${query}`
    }
    return {
      request: {
        operation: facts.operationId,
        method: facts.method,
        path,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        responses,
        headers: facts.headers,
      },
    }
  }

  function sendPrepared<Facts>(
    transport: Transport<object, Facts>,
    request: OutgoingRequest,
    options?: CallOptions,
  ): APIPromise<Data, Facts> {
    return new APIPromise(transport.send<Data>(request, options))
  }

  function send<Facts>(
    transport: Transport<object, Facts>,
    params: Params,
    options?: CallOptions,
  ): APIPromise<Data, Facts> {
    let prepared: ReturnType<typeof prepare>
    try {
      prepared = prepare(params)
    } catch (error) {
      // Whatever goes wrong, a call answers with a rejected promise, never a synchronous throw.
      return new APIPromise(Promise.reject(error))
    }
    if ('issues' in prepared) {
      const error = new InvalidArgumentError(`${transport.providerId}.${facts.operationId}`, prepared.issues)
      return new APIPromise(Promise.reject(error))
    }
    return sendPrepared(transport, prepared.request, options)
  }

  const bodySchema = facts.request.properties?.body
  const fields = bodyEnvelope === undefined ? bodySchema : bodySchema?.properties?.[bodyEnvelope]
  return { facts, fields, bodyEnvelope, check, prepare, sendPrepared, send }
}
