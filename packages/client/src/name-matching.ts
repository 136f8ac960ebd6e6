/**
 * How desired groups are matched to a provider's groups by name: `exact`
 * (the default) compares the names character for character, but for how
 * Unicode may encode one character (é as one code point or as e and an
 * accent: NFC); `ignore-case-and-whitespace` also ignores letter case,
 * compatibility forms (ﬁ and fi, full-width letters: NFKC), leading and
 * trailing whitespace, and how much whitespace separates words
 * (`" VIP  customers"` matches `"vip customers"`).
 */
export type NameMatching = 'exact' | 'ignore-case-and-whitespace'

export const nameMatchings: readonly NameMatching[] = ['exact', 'ignore-case-and-whitespace']

/** The text two names must share to match. */
export function nameKey(name: string, matching: NameMatching): string {
  if (matching === 'exact') return name.normalize('NFC')
  // Lower-casing can leave a string that NFKC writes otherwise, hence the second pass.
  return name.normalize('NFKC').trim().replace(/\s+/gu, ' ').toLowerCase().normalize('NFKC')
}

/**
 * A looser key than any matching: compatibility forms folded (NFKC), letter
 * case ignored, every whitespace and invisible character (zero-width space,
 * joiners, soft hyphen, BOM…) dropped. Two different names with one near key
 * are easy to confuse: `"VIP "`, `"vip"` and `"VIP\u200b"` all nearly match
 * `"VIP"`.
 */
export function nearNameKey(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[\s\p{Default_Ignorable_Code_Point}\p{Cf}]/gu, '')
    .toLowerCase()
    .normalize('NFKC')
}
