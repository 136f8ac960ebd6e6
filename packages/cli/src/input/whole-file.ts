import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs'
import { InputError } from '../usage-error.js'

// Files read whole: small ones (a desired-state or an accounts file), read through one descriptor.

const chunkBytes = 256 * 1024

/**
 * The most a file read whole (a desired-state or accounts file) may hold: YAML
 * takes about 80 times a file's size in memory while parsed, and such files
 * list groups and accounts, not rows.
 */
export const maxWholeFileBytes = 8 * 1024 * 1024

/**
 * Reads a small file whole, through one descriptor: refused (InputError, exit
 * code 2) unless it is a regular file of at most `maxBytes`, checked with
 * fstat before reading (so /dev/zero or a FIFO is never read, nor a huge file
 * loaded) and again while reading (a file that grows).
 */
export function readWholeFile(path: string, what: string, maxBytes = maxWholeFileBytes): Buffer {
  const refuse = (reason: string): never => {
    throw new InputError(`Cannot read ${what}: ${reason}`)
  }
  const mib = 1024 * 1024
  const limit = maxBytes % mib === 0 ? `${maxBytes / mib} MiB` : `${maxBytes} bytes`
  const tooLarge = () => `larger than ${limit}, the most read from such a file`
  let fd: number
  try {
    // Non-blocking, so that opening a FIFO does not wait for a writer; reading a regular file ignores it.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0))
  } catch (error) {
    return refuse(describeFsError(error))
  }
  try {
    const stat = fstatSync(fd)
    if (stat.isDirectory()) return refuse('is a directory')
    if (!stat.isFile()) return refuse('not a regular file')
    if (stat.size > maxBytes) return refuse(tooLarge())
    const chunks: Buffer[] = []
    let total = 0
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(chunkBytes, maxBytes + 1 - total))
      const read = readSync(fd, chunk, 0, chunk.length, total)
      if (read === 0) break
      chunks.push(chunk.subarray(0, read))
      total += read
      // It grew since fstat.
      if (total > maxBytes) return refuse(tooLarge())
    }
    return Buffer.concat(chunks, total)
  } catch (error) {
    if (error instanceof InputError) throw error
    return refuse(describeFsError(error))
  } finally {
    closeSync(fd)
  }
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code
  const known: Record<string, string> = {
    ENOENT: 'no such file or directory',
    EACCES: 'permission denied',
    EISDIR: 'is a directory',
    ENOTDIR: 'a part of the path is not a directory',
    ELOOP: 'is a symbolic link',
    EROFS: 'read-only file system',
    ENOSPC: 'no space left on the device',
    EFBIG: 'file too large (a file size limit was reached)',
    EEXIST: 'already exists',
  }
  return code === undefined ? String((error as Error).message ?? error) : `${known[code] ?? code} (${code})`
}
