import { type ProviderName, providers } from './load-spec.js'
import { checkProvider, writeProvider } from './write.js'

const args = process.argv.slice(2)
const check = args.includes('--check')
const named = args.filter((arg) => !arg.startsWith('--'))
const unknown = named.filter((name) => !(providers as readonly string[]).includes(name))
if (unknown.length > 0) {
  console.error(`Unknown provider ${unknown.join(', ')}; expected one of ${providers.join(', ')}`)
  process.exit(2)
}
const selected = (named.length > 0 ? named : providers) as ProviderName[]

for (const provider of selected) {
  if (check) {
    const drifted = await checkProvider(provider)
    if (drifted.length > 0) {
      console.error(`Generated code is out of date; run \`pnpm generate\`:\n  ${drifted.join('\n  ')}`)
      process.exitCode = 1
    }
  } else {
    const written = await writeProvider(provider)
    console.log(`${provider}: wrote ${written.join(', ')}`)
  }
}
