/** Median, min and max of repeated measurements. */
export interface Summary {
  median: number
  min: number
  max: number
}

export function summarize(values: number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  const median =
    sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
  return { median, min: sorted[0] ?? 0, max: sorted.at(-1) ?? 0 }
}

export function formatSummary(summary: Summary, digits = 0): string {
  const f = (value: number) =>
    value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
  return `${f(summary.median)} (${f(summary.min)}–${f(summary.max)})`
}

/** Runs `once` `count` times with at most `concurrency` in flight; returns operations per second. */
export async function opsPerSecond(
  once: () => Promise<unknown>,
  count: number,
  concurrency: number,
): Promise<number> {
  let started = 0
  const begin = performance.now()
  const worker = async () => {
    while (started < count) {
      started++
      await once()
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  return (count / (performance.now() - begin)) * 1000
}
