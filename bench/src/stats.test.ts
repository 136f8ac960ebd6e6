import { describe, expect, it } from 'vitest'
import { measureInterleaved, opsPerSecond, pairedRatio, summarize } from './stats.js'

const tick = () => new Promise((resolve) => setTimeout(resolve, 1))

describe('opsPerSecond', () => {
  it('runs exactly the requested calls, at most `concurrency` at once', async () => {
    let calls = 0
    let inFlight = 0
    let peak = 0
    const rate = await opsPerSecond(
      async () => {
        calls++
        inFlight++
        peak = Math.max(peak, inFlight)
        await tick()
        inFlight--
      },
      20,
      4,
    )
    expect(calls).toBe(20)
    expect(peak).toBe(4)
    expect(rate).toBeGreaterThan(0)
  })

  it('starts no call after its time limit', async () => {
    let calls = 0
    await opsPerSecond(
      async () => {
        calls++
        await new Promise((resolve) => setTimeout(resolve, 20))
      },
      1_000,
      1,
      50,
    )
    expect(calls).toBeLessThan(10)
  })

  it('fails a sample whose call never settles instead of hanging', async () => {
    await expect(opsPerSecond(() => new Promise(() => {}), 1, 1, 10)).rejects.toThrow(/still pending/)
  })
})

describe('measureInterleaved and pairedRatio', () => {
  it('gives every contender one sample per run and pairs ratios run by run', async () => {
    const samples = await measureInterleaved(
      { fast: async () => {}, slow: tick },
      { count: 5, runs: 3, warmup: 1, concurrency: 1 },
    )
    expect(samples.fast).toHaveLength(3)
    expect(samples.slow).toHaveLength(3)
    const ratio = pairedRatio(samples, 'fast', 'slow')
    expect(ratio.min).toBeGreaterThan(1)
    expect(ratio.median).toBeGreaterThanOrEqual(ratio.min)
  })

  it('summarizes to median, min and max', () => {
    expect(summarize([3, 1, 2, 10])).toEqual({ median: 2.5, min: 1, max: 10 })
  })
})
