// Adds the test-only providers to the registry's list, in this process: every package this suite
// depends on that exports `./register` (tests/providers/*, never published). Loaded before anything reads
// the registry: Vitest's set-up file and global set-up import it first, and the CLI runs it with
// `node --import`. A test-only provider joins every suite here by one line: its dev dependency.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
/** @param {string | URL} path */
const read = (path) => JSON.parse(readFileSync(path, 'utf8'))
const { devDependencies = {} } = read(new URL('./package.json', import.meta.url))
for (const name of Object.keys(devDependencies).filter((each) => each.startsWith('@customer-groups/'))) {
  const { exports = {} } = read(require.resolve(`${name}/package.json`))
  if (typeof exports === 'object' && './register' in exports) await import(`${name}/register`)
}
