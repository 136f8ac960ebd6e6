#!/usr/bin/env node
import { join } from 'node:path'
import { providerIds } from '@customer-groups/registry'
import { startMockServers } from './start-mock-servers.js'

const usage = `Usage: customer-groups-mock [--stateful] [--specs-dir DIR] [PROVIDER[=SPEC_PATH][:PORT] ...]

Serves Prism mocks of the customer-groups specs until Ctrl-C. With --stateful
they remember: groups are created, listed, updated and deleted in memory (one
shop per credential, seeded from the spec's examples), Prism still checking
every request and answer against the spec.
PROVIDER is one of ${providerIds().join(', ')} (default: all), whose spec comes from the
installed provider package, or from DIR/PROVIDER.openapi.yaml with --specs-dir;
SPEC_PATH names the spec file instead; PORT fixes the port (default: a free one).`

interface Target {
  name: string
  provider: string
  port?: number
}

function parseTarget(argument: string, specsDir: string | undefined): Target {
  const match = /^([a-z0-9-]+)(?:=([^:]+))?(?::(\d+))?$/i.exec(argument)
  if (match === null) throw new Error(`Cannot read "${argument}".\n\n${usage}`)
  const [, name = '', path, port] = match
  const provider = path ?? (specsDir === undefined ? name : join(specsDir, `${name}.openapi.yaml`))
  return { name, provider, ...(port !== undefined && { port: Number(port) }) }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  if (args.includes('--help') || args.includes('-h')) {
    console.log(usage)
    return
  }
  const statefulFlag = args.indexOf('--stateful')
  const stateful = statefulFlag !== -1
  if (stateful) args.splice(statefulFlag, 1)
  const dirFlag = args.indexOf('--specs-dir')
  const specsDir = dirFlag === -1 ? undefined : args.splice(dirFlag, 2)[1]
  const named = args.length > 0 ? args : [...providerIds()]
  const targets = named.map((argument) => parseTarget(argument, specsDir))
  const mocks = await startMockServers(
    Object.fromEntries(
      targets.map((target) => [
        target.name,
        {
          provider: target.provider,
          ...(target.port !== undefined && { port: target.port }),
          ...(stateful && { stateful }),
        },
      ]),
    ),
  )
  // Listening before saying so: a Ctrl-C right after the message must stop the mocks, not kill the process.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void mocks.close().then(() => process.exit(0))
    })
  }
  for (const [name, server] of Object.entries(mocks.servers)) {
    console.log(`${name}: ${server.url}  (spec ${server.specPath})`)
  }
  console.log(`${stateful ? 'Stateful mocks' : 'Mocks'} are running; press Ctrl-C to stop.`)
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
