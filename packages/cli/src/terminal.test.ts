import { execFile } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { bin, file, startGroupServer, token } from '../test-support.js'

/**
 * Runs the bin on a pseudo-terminal (util-linux `script`), as someone at a
 * terminal does: stdin, stdout and stderr are all the terminal. Resolves with
 * everything the terminal was sent.
 */
function onTerminal(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; screen: string }> {
  const quoted = [process.execPath, bin, ...args].map((arg) => `'${arg.replaceAll("'", `'\\''`)}'`).join(' ')
  return new Promise((resolve) => {
    execFile(
      'script',
      ['--quiet', '--return', '--command', `stty cols 160 rows 50; exec ${quoted}`, '/dev/null'],
      { env: { PATH: process.env.PATH ?? '', TERM: 'xterm', ...env }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout) =>
        resolve({ code: error === null ? 0 : ((error as { code?: number }).code ?? null), screen: stdout }),
    )
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
