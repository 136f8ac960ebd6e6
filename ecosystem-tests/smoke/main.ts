// Node, Bun and Deno run this file from a project that installed the tarballs: `RUNTIME smoke.js CONFIG`.
import { runSmoke, type SmokeConfig } from './smoke.js'

// The one line that differs between them: where the arguments are.
const host = globalThis as { Deno?: { args: string[] }; process?: { argv: string[] } }
const [config = '{}'] = host.Deno?.args ?? host.process?.argv.slice(2) ?? []
console.log(JSON.stringify(await runSmoke(JSON.parse(config) as SmokeConfig)))
