/**
 * Merges header records into one with lower-cased names, later records
 * winning, as `Headers#set` would: `fetch` joins two spellings of one name
 * into a single comma-separated value.
 */
export function mergeHeaders(...records: (Record<string, string> | undefined)[]): Record<string, string> {
  const merged: Record<string, string> = {}
  for (const record of records) {
    if (record === undefined) continue
    for (const name in record) merged[name.toLowerCase()] = record[name] as string
  }
  return merged
}
