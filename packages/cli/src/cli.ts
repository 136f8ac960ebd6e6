#!/usr/bin/env node
import { run } from './run.js'

// A reader that stops early (`| head`) closes the pipe: what is left to print has nowhere to go, and
// the command's own exit code still stands. Any other write error is a real failure.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error
  })
}

process.exitCode = await run(process.argv.slice(2))
