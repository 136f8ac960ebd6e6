import { randomBytes } from 'node:crypto'
import { constants, promises as fs, lstatSync, statSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { describeFsError } from './input/whole-file.js'

/** Files the CLI creates: only the user can read them. */
export const privateMode = 0o600

/** An unpredictable name beside `path`, for a file to be renamed over it. */
export function temporaryNameFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(12).toString('hex')}.tmp`)
}

/**
 * Creates a new file, mode 0600, failing if anything (a file, a directory, a
 * symbolic link, even a dangling one) already has the name.
 */
export function createExclusive(path: string, append = false): Promise<fs.FileHandle> {
  const flags =
    constants.O_WRONLY |
    constants.O_CREAT |
    constants.O_EXCL |
    constants.O_NOFOLLOW |
    (append ? constants.O_APPEND : 0)
  return fs.open(path, flags, privateMode)
}

/** Opens an existing regular file for appending, never through a symbolic link. */
export async function openForAppend(path: string): Promise<fs.FileHandle> {
  const handle = await fs.open(path, constants.O_WRONLY | constants.O_APPEND | constants.O_NOFOLLOW)
  const stat = await handle.stat()
  if (!stat.isFile()) {
    await handle.close()
    throw Object.assign(new Error(`${path} is not a regular file`), { code: 'ENOTREG' })
  }
  return handle
}

/** Writes a whole file: to a new temporary file (0600, exclusive), then renamed over `path`. */
export async function writeFileAtomically(
  path: string,
  write: (handle: fs.FileHandle) => Promise<void>,
): Promise<void> {
  const temporary = temporaryNameFor(path)
  const handle = await createExclusive(temporary)
  try {
    await write(handle)
    await handle.sync()
  } catch (error) {
    await handle.close()
    await fs.rm(temporary, { force: true })
    throw error
  }
  await handle.close()
  try {
    await fs.rename(temporary, path)
  } catch (error) {
    await fs.rm(temporary, { force: true })
    throw error
  }
}

/**
 * Why a file cannot be written at `path` later in the run, or undefined when
 * it can: the directory must exist and take a new file (tried with a temporary
 * one), and the path must not be a directory, a symbolic link or another
 * non-regular file. `mustNotExist` refuses an existing file too.
 */
export async function writableFileProblem(path: string, mustNotExist: boolean): Promise<string | undefined> {
  try {
    const stat = lstatSync(path)
    if (stat.isSymbolicLink()) return 'is a symbolic link; the CLI never writes through one'
    if (stat.isDirectory()) return 'is a directory'
    if (!stat.isFile()) return 'is not a regular file'
    if (mustNotExist) return 'already exists'
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return describeFsError(error)
  }
  const directory = dirname(path)
  try {
    if (!statSync(directory).isDirectory()) return `${directory} is not a directory`
  } catch (error) {
    return `its directory ${directory}: ${describeFsError(error)}`
  }
  const probe = temporaryNameFor(path)
  try {
    const handle = await createExclusive(probe)
    await handle.close()
    await fs.rm(probe, { force: true })
  } catch (error) {
    return `cannot create files in ${directory}: ${describeFsError(error)}`
  }
  return undefined
}
