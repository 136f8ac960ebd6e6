import { InvalidArgumentError } from '@customer-groups/xtrakit'

/** How a client refused: its error's class, issues and whether the message names the setting. */
export function refusal(error: unknown): unknown {
  if (!InvalidArgumentError.isInstance(error)) return { unexpected: String(error) }
  return {
    name: error.name,
    issues: error.issues.map((issue) => `${issue.field}: ${issue.code}`),
    namesTheSetting: error.message.includes('dangerouslyAllowBrowser: must be true'),
  }
}
