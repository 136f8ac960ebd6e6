/**
 * How desired groups are matched to a provider's groups by name: `exact`
 * (the default) compares the names as stored; `ignore-case-and-whitespace`
 * ignores letter case, leading and trailing whitespace, and how much
 * whitespace separates words (`" VIP  customers"` matches `"vip customers"`).
 */
export type NameMatching = 'exact' | 'ignore-case-and-whitespace'

export const nameMatchings: readonly NameMatching[] = ['exact', 'ignore-case-and-whitespace']

/** The text two names must share to match. */
export function nameKey(name: string, matching: NameMatching): string {
  if (matching === 'exact') return name
  return name.trim().replace(/\s+/gu, ' ').toLowerCase()
}
