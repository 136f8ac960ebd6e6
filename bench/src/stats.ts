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

/** How long one sample may take; a slower one is cut short so `pnpm bench` always ends. */
export const sampleTimeLimitMs = 20_000

/**
 * Runs `once` `count` times with at most `concurrency` in flight and returns
 * operations per second. Bounded twice: no call starts after `timeLimitMs`,
 * and a call still pending at twice that fails the sample instead of hanging.
 */
export async function opsPerSecond(
  once: () => Promise<unknown>,
  count: number,
  concurrency: number,
  timeLimitMs = sampleTimeLimitMs,
): Promise<number> {
  let started = 0
  let completed = 0
  const begin = performance.now()
  const deadline = begin + timeLimitMs
  const worker = async () => {
    while (started < count && performance.now() < deadline) {
      started++
      await once()
      completed++
    }
  }
  let timer: ReturnType<typeof setTimeout> | undefined
  const stuck = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`a call was still pending ${(2 * timeLimitMs) / 1000} s into a sample`)),
      2 * timeLimitMs,
    )
  })
  try {
    await Promise.race([Promise.all(Array.from({ length: concurrency }, worker)), stuck])
  } finally {
    clearTimeout(timer)
  }
  return (completed / (performance.now() - begin)) * 1000
}

/** Every contender's operations per second, one sample per run. */
export type Samples<Name extends string> = Record<Name, number[]>

/**
 * Warms every contender up, then measures them in turn, run after run, so
 * drift in the machine's speed hits all alike and each run yields a fair pair.
 */
export async function measureInterleaved<Name extends string>(
  calls: Record<Name, () => Promise<unknown>>,
  options: { count: number; runs: number; warmup: number; concurrency: number },
): Promise<Samples<Name>> {
  const names = Object.keys(calls) as Name[]
  const samples = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Samples<Name>
  for (const name of names) await opsPerSecond(calls[name], options.warmup, options.concurrency)
  for (let run = 0; run < options.runs; run++) {
    // Each run starts with another contender, so none always inherits the garbage of the one before.
    for (let turn = 0; turn < names.length; turn++) {
      const name = names[(run + turn) % names.length] as Name
      samples[name].push(await opsPerSecond(calls[name], options.count, options.concurrency))
    }
  }
  return samples
}

/**
 * `a / b` taken within each run, then summarized: a ratio of two medians from
 * different moments would carry the machine's drift between them.
 */
export function pairedRatio<Name extends string>(samples: Samples<Name>, a: Name, b: Name): Summary {
  return pairedRatioOf(samples[a], samples[b])
}

/** a/b run by run, summarized: a ratio that holds while the machine's speed drifts. */
export function pairedRatioOf(a: number[], b: number[]): Summary {
  return summarize(a.map((value, run) => value / (b[run] ?? Number.NaN)))
}

export function summarizeAll<Name extends string>(samples: Samples<Name>): Record<Name, Summary> {
  return Object.fromEntries(
    Object.entries<number[]>(samples).map(([name, values]) => [name, summarize(values)]),
  ) as Record<Name, Summary>
}
