import { readPackage } from './workspace.js'
import { checkProvider, writeProvider } from './write.js'

// Run in a provider package's folder (its `generate` script): generates from the spec its package.json names.
const check = process.argv.includes('--check')
const packageDir = process.cwd()
const { name } = readPackage(packageDir)

if (check) {
  const drifted = await checkProvider(packageDir)
  if (drifted.length > 0) {
    console.error(`Generated code is out of date; run \`pnpm generate\`:\n  ${drifted.join('\n  ')}`)
    process.exitCode = 1
  }
} else {
  const written = await writeProvider(packageDir)
  console.log(`${name}: wrote ${written.join(', ')}`)
}
