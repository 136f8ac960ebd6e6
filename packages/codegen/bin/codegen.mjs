#!/usr/bin/env node
// The generator is TypeScript run straight from source, so contributors never build it first.
import { register } from 'tsx/esm/api'

register()
await import('../src/cli.ts')
