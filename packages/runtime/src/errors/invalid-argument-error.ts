import type { IssueCode } from '../validation/issue-code.js'
import { CustomerGroupsError, hasErrorMarker, markError } from './customer-groups-error.js'

const marker: unique symbol = Symbol.for('customer-groups.error.InvalidArgumentError')

/** One rule one argument broke. `field` is a dotted path such as `maxDiscount` or `headers.X-Trace`. */
export interface ArgumentIssue {
  field: string
  /** Which rule, from a closed set: match on this, not on the message. */
  code: IssueCode
  /** What is wrong, for people. */
  message: string
}

/** Bad input, caught before any request was sent. Lists every offending field. */
export class InvalidArgumentError extends CustomerGroupsError {
  override readonly name: string = 'InvalidArgumentError'
  readonly issues: readonly ArgumentIssue[]

  constructor(context: string, issues: readonly ArgumentIssue[]) {
    const lines = issues.map((issue) => `  - ${issue.field}: ${issue.message} (${issue.code})`)
    super(`Invalid arguments for ${context}:\n${lines.join('\n')}`)
    this.issues = issues
    markError(this, marker)
  }

  static override isInstance(value: unknown): value is InvalidArgumentError {
    return hasErrorMarker(value, marker)
  }
}
