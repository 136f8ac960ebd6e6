import { UsageError } from '../usage-error.js'

/** `--concurrency`: requests in flight at once per account, 3 unless given. */
export function concurrencyFlag(value: string | undefined): number {
  const concurrency = Number(value ?? 3)
  if (!Number.isSafeInteger(concurrency) || concurrency < 1 || concurrency > 1000)
    throw new UsageError('--concurrency must be a whole number from 1 to 1000')
  return concurrency
}
