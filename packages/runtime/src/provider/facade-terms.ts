import type { ArgumentIssue } from '../errors.js'
import { requestIssues } from '../validation/request-issues.js'
import type { ProviderRequest, ProviderRequests } from './customer-group-provider.js'
import type { AnyOperation, NormalizedShape } from './provider-operations.js'

/** How a provider translates between the facade's terms and its own. */
export interface FacadeTerms {
  /** The provider's own parameters for a normalized request. */
  paramsOf(
    operation: AnyOperation,
    request: ProviderRequest & Partial<ProviderRequests['update']>,
  ): Record<string, unknown>
  /**
   * The operation's issues in the facade's terms: `group_name` is `name`, the
   * path id is `id`, and a provider option is `providerOptions.<id>.<option>`,
   * as the caller of the facade wrote them.
   */
  facadeIssues(operation: AnyOperation, issues: readonly ArgumentIssue[]): ArgumentIssue[]
  /** The issues of an id by the spec's schema of the id parameter, named `id`. */
  idIssues(id: string): ArgumentIssue[]
  /** Whether the id an answer names is the id asked for, however the provider spells its ids. */
  sameId(answered: string, asked: string): boolean
}

export function facadeTerms(providerId: string, shape: NormalizedShape): FacadeTerms {
  const { fields, operations, toId = (id: string) => id } = shape

  function paramsOf(operation: AnyOperation, request: ProviderRequest & Partial<ProviderRequests['update']>) {
    const params: Record<string, unknown> = { ...request.options }
    const idName = operation.facts.parameters.path[0]
    if (idName !== undefined && request.id !== undefined) params[idName] = toId(request.id)
    if (request.name !== undefined && fields.name !== undefined) params[fields.name] = request.name
    if (request.description !== undefined && fields.description !== undefined) {
      params[fields.description] = request.description
    }
    return params
  }

  function facadeIssues(operation: AnyOperation, issues: readonly ArgumentIssue[]): ArgumentIssue[] {
    const idName = operation.facts.parameters.path[0]
    return issues.map((issue) => {
      // An empty change breaks the body's "at least one field": say so in the caller's terms.
      if (
        issue.code === 'min-properties' &&
        (issue.field === (operation.bodyEnvelope ?? 'body') || issue.field === 'body')
      ) {
        return { ...issue, field: 'changes', message: nothingToChange(operation) }
      }
      const [head = ''] = issue.field.split('.')
      let field = issue.field
      if (head === idName) field = 'id'
      else if (head === fields.name) field = `name${issue.field.slice(head.length)}`
      else if (head === fields.description) field = `description${issue.field.slice(head.length)}`
      else if (head !== 'params') field = `providerOptions.${providerId}.${issue.field}`
      return { ...issue, field }
    })
  }

  /** What the caller can give an operation that needs at least one field, named as the facade takes them. */
  function nothingToChange(operation: AnyOperation): string {
    const names = Object.keys(operation.fields?.properties ?? {}).map((field) => {
      if (field === fields.name) return 'name'
      if (field === fields.description) return 'description'
      return `providerOptions.${providerId}.${field}`
    })
    return `nothing to change: give at least one of ${names.join(', ')}`
  }

  // The operation whose path takes a group's id: its spec schema is the rule for any id, also one looked up in the list.
  const idOperation = [operations.get, operations.update, operations.delete]
    .map((mapping) => mapping?.operation)
    .find((operation) => operation?.facts.parameters.path[0] !== undefined)

  function idIssues(id: string): ArgumentIssue[] {
    const idName = idOperation?.facts.parameters.path[0]
    if (typeof id !== 'string' || idOperation === undefined || idName === undefined) return []
    // The operation's generated check, given the path alone: what it says of the rest (a missing body) is not about the id.
    const issues = requestIssues(idOperation.facts.request, { path: { [idName]: toId(id) } }).filter(
      (issue) => issue.field === idName || issue.field.startsWith(`${idName}.`),
    )
    return facadeIssues(idOperation, issues)
  }

  const sameId = (answered: string, asked: string) => answered === asked || answered === String(toId(asked))

  return { paramsOf, facadeIssues, idIssues, sameId }
}
