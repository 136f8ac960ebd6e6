import { MultiBar } from 'cli-progress'

export interface ProgressCounts {
  done: number
  warned: number
  failed: number
  remaining: number
}

export interface Progress {
  /** A finished row. On a terminal only rows that need attention get a line; elsewhere every row does. */
  row(text: string, needsAttention: boolean, counts: ProgressCounts): void
  /** A line that must stay on screen as written (e.g. "Stopping…"). */
  note(text: string): void
  /** Ends the display; anything printed afterwards starts on a line of its own. */
  stop(): void
}

/** The bar drawn on each stream, while one is. */
const drawn = new Map<NodeJS.WritableStream, MultiBar>()

/**
 * Writes a line on `stream` above the progress bar drawn there, which is
 * redrawn below it, so the two never share a line (`--verbose` logs during
 * apply and sync). False when no bar is drawn there: write it as usual.
 */
export function writeAboveProgress(stream: NodeJS.WritableStream, line: string): boolean {
  const bars = drawn.get(stream)
  if (bars === undefined) return false
  bars.log(`${line}\n`)
  bars.update()
  return true
}

/**
 * A bar with done/warned/failed/remaining on a terminal, rows that need
 * attention printed above it; one plain line per finished row otherwise
 * (logs, CI), written in batches.
 */
export function createProgress(total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (stream.isTTY !== true) {
    let buffered: string[] = []
    let scheduled = false
    const flush = () => {
      scheduled = false
      if (buffered.length === 0) return
      stream.write(`${buffered.join('\n')}\n`)
      buffered = []
    }
    return {
      row(text, _needsAttention, counts) {
        buffered.push(`[${total - counts.remaining}/${total}] ${text}`)
        if (buffered.length >= 256) flush()
        else if (!scheduled) {
          scheduled = true
          setImmediate(flush)
        }
      },
      note(text) {
        flush()
        stream.write(`${text}\n`)
      },
      stop: flush,
    }
  }
  const bars = new MultiBar({
    format: '{bar} {value}/{total} | done {done} | warned {warned} | failed {failed} | remaining {remaining}',
    stream,
    hideCursor: true,
    gracefulExit: false,
  })
  const bar = bars.create(total, 0, { done: 0, warned: 0, failed: 0, remaining: total })
  drawn.set(stream, bars)
  return {
    row(text, needsAttention, counts) {
      if (needsAttention) bars.log(`${text}\n`)
      bar.update(total - counts.remaining, counts)
    },
    note(text) {
      bars.log(`${text}\n`)
      // Drawn now, above the bar, so that later redraws never write over it.
      bars.update()
    },
    stop() {
      bars.update()
      bars.stop()
      if (drawn.get(stream) === bars) drawn.delete(stream)
    },
  }
}
