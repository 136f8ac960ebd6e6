import { spawn } from 'node:child_process'
import { type StatefulBackend, startStatefulBackend } from '@customer-groups/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bin, file, startGroupServer, token } from '../test-support.js'

/**
 * Runs the bin on a pseudo-terminal (util-linux `script`), as someone at a
 * terminal does: stdin, stdout and stderr are all the terminal. `answer` is
 * typed once a `[y/N]` question shows. Resolves with everything the terminal was sent.
 */
function onTerminal(
  args: string[],
  env: Record<string, string>,
  answer?: string,
): Promise<{ code: number | null; screen: string }> {
  const quoted = [process.execPath, bin, ...args].map((arg) => `'${arg.replaceAll("'", `'\\''`)}'`).join(' ')
  const child = spawn(
    'script',
    ['--quiet', '--return', '--command', `stty cols 160 rows 50; exec ${quoted}`, '/dev/null'],
    {
      env: { PATH: process.env.PATH ?? '', TERM: 'xterm', ...env },
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  )
  let screen = ''
  let answered = false
  child.stdout.on('data', (chunk: Buffer) => {
    screen += chunk.toString()
    if (answer !== undefined && !answered && screen.includes('[y/N] ')) {
      answered = true
      child.stdin.write(`${answer}\r`)
    }
  })
  return new Promise((resolve) => {
    child.once('close', (code) => {
      child.stdin.end()
      resolve({ code, screen })
    })
  })
}

/**
 * The lines a terminal shows for `output`, scrolled-off ones included:
 * carriage returns, line feeds, "cursor to column", "erase line" and "cursor
 * up" are played; other escape sequences draw nothing.
 */
function renderTerminal(output: string): string[] {
  const lines: string[][] = [[]]
  let row = 0
  let column = 0
  // biome-ignore lint/suspicious/noControlCharactersInRegex: terminal sequences are the point
  const tokens = output.matchAll(/\u001b\[([?0-9;]*)([A-Za-z])|\r|\n|[^\u001b\r\n]/gu)
  for (const [token, parameter, command] of tokens) {
    const line = lines[row] as string[]
    if (token === '\r') column = 0
    else if (token === '\n') {
      row++
      column = 0
      lines[row] ??= []
    } else if (command === undefined) line[column++] = token
    else if (command === 'G') column = Math.max(0, Number(parameter || 1) - 1)
    else if (command === 'K') {
      if (parameter === '2') line.length = 0
      else if (parameter === '' || parameter === '0') line.length = Math.min(line.length, column)
    } else if (command === 'A') row = Math.max(0, row - Number(parameter || 1))
  }
  return lines.map((line) => Array.from(line, (cell) => cell ?? ' ').join(''))
}

describe('on a terminal', () => {
  it('--verbose writes each debug line above the progress bar, never on its line', async () => {
    const server = await startGroupServer({ delayMs: () => 20 })
    const ids = Array.from({ length: 12 }, (_, index) => index + 1)
    const changes = file(
      'verbose-bar.yaml',
      ids.map((id) => `- { provider: shoptet, id: ${id}, name: G${id} }`).join('\n'),
    )
    try {
      const result = await onTerminal(['apply', changes, '--verbose', '--concurrency', '1'], {
        SHOPTET_BASE_URL: server.url,
        SHOPTET_ACCESS_TOKEN: token,
      })
      expect(result.code).toBe(0)
      const screen = renderTerminal(result.screen)
      const debug = screen.filter((line) => line.includes('[debug]'))
      // One line per request, each a line of its own.
      expect(debug).toHaveLength(ids.length)
      for (const line of debug)
        expect(line).toMatch(/^\[debug\] shoptet: PATCH \S+ attempt 1 → 200 in \d+ ms$/)
      // The bar was drawn, and ended on its own line.
      expect(
        screen.some((line) => /^=+ 12\/12 \| done 12 \| warned 0 \| failed 0 \| remaining 0$/.test(line)),
      ).toBe(true)
      expect(result.screen).not.toContain(token)
    } finally {
      await server.close()
    }
  })
})

describe('one group on a terminal', () => {
  let shoptet: StatefulBackend
  let xtrakit: StatefulBackend
  beforeAll(async () => {
    ;[shoptet, xtrakit] = await Promise.all([
      startStatefulBackend({ provider: 'shoptet' }),
      startStatefulBackend({ provider: 'xtrakit' }),
    ])
  })
  afterAll(async () => {
    await Promise.all([shoptet?.close(), xtrakit?.close()])
  })
  let shops = 0
  const shop = () => {
    const key = `terminal-shop-${++shops}`
    return {
      SHOPTET_BASE_URL: shoptet.url,
      SHOPTET_ACCESS_TOKEN: key,
      XTRAKIT_BASE_URL: xtrakit.url,
      XTRAKIT_API_KEY: key,
    }
  }

  it('list shows only the columns the provider fills: no empty UPDATED for Shoptet', async () => {
    const env = shop()
    const shoptetTable = renderTerminal((await onTerminal(['list', '--provider', 'shoptet'], env)).screen)
    expect(shoptetTable[0]).toMatch(/^ID +NAME +DESCRIPTION$/)
    expect(shoptetTable[2]).toMatch(/^7 +Wholesale partners +Partners buying in bulk$/)
    const xtrakitTable = renderTerminal((await onTerminal(['list', '--provider', 'xtrakit'], env)).screen)
    expect(xtrakitTable[0]).toMatch(/^ID +NAME +DESCRIPTION +UPDATED$/)
  })

  it('delete asks naming the group; no keeps it, yes deletes it', async () => {
    const env = shop()
    const kept = await onTerminal(['delete', '--provider', 'shoptet', '--id', '7'], env, 'n')
    expect(kept.code).toBe(1)
    expect(renderTerminal(kept.screen)).toContain(
      'Delete shoptet group 7 "Wholesale partners"? Its customers move to the default group. [y/N] n',
    )
    expect(kept.screen).toContain('Nothing was deleted.')
    const deleted = await onTerminal(
      ['delete', '--provider', 'shoptet', '--name', 'Wholesale partners'],
      env,
      'y',
    )
    expect(deleted.code).toBe(0)
    expect(renderTerminal(deleted.screen)).toContain(
      'Delete shoptet group 7 "Wholesale partners"? Its customers move to the default group. [y/N] y',
    )
    expect(deleted.screen).toContain('shoptet group 7 "Wholesale partners" deleted (HTTP 200')
    const gone = await onTerminal(['get', '--provider', 'shoptet', '--name', 'Wholesale partners'], env)
    expect(gone.code).toBe(1)
    expect(gone.screen).toContain('shoptet has no group named "Wholesale partners"')
  })
})
