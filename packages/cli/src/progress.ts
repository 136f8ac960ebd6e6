import { SingleBar } from 'cli-progress'

export interface Progress {
  update(counts: { done: number; failed: number; remaining: number }, line?: string): void
  stop(): void
}

/** A bar with done/failed/remaining on a terminal; one plain line per finished row otherwise (logs, CI). */
export function createProgress(total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (stream.isTTY !== true) {
    return {
      update(counts, line) {
        if (line !== undefined) stream.write(`[${total - counts.remaining}/${total}] ${line}\n`)
      },
      stop() {},
    }
  }
  const bar = new SingleBar({
    format: '{bar} {value}/{total} | done {done} | failed {failed} | remaining {remaining}',
    stream,
    hideCursor: true,
  })
  bar.start(total, 0, { done: 0, failed: 0, remaining: total })
  return {
    update(counts) {
      bar.update(total - counts.remaining, counts)
    },
    stop() {
      bar.stop()
    },
  }
}
