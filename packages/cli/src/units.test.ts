import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import type { CustomerGroupPlan, PlannedAction } from '@customer-groups/client'
import { describe, expect, it } from 'vitest'
import { work } from '../test-support.js'
import { concurrencyFlag } from './commands/concurrency-flag.js'
import { confirm } from './confirm.js'
import { CsvParser, type CsvSyntaxError } from './input/csv.js'
import { maxWholeFileBytes, readWholeFile } from './input/source.js'
import { readJsonItems, readYamlItems } from './input/structured.js'
import { readJournal } from './journal.js'
import { describePlan } from './plan-output.js'
import { createProgress } from './progress.js'
import { safeJson, safeText } from './terminal-text.js'
import { InputError, UsageError } from './usage-error.js'

describe('CSV parser', () => {
  it('reads quoted cells, doubled quotes, line breaks in cells and byte offsets, across chunks', () => {
    const text = '\uFEFFa,b\n"x, y","say ""hi"""\r\n\n"two\nlines", é \n,,\nlast,"\\"'
    const bytes = Buffer.from(text)
    for (const size of [1, 2, 3, 7, bytes.length]) {
      const parser = new CsvParser()
      const records = []
      for (let at = 0; at < bytes.length; at += size)
        records.push(...parser.push(bytes.subarray(at, at + size)))
      records.push(...parser.push(Buffer.alloc(0), true))
      expect(records.map((record) => [record.cells, record.line])).toEqual([
        [['a', 'b'], 1],
        [['x, y', 'say "hi"'], 2],
        [['two\nlines', 'é'], 4],
        [['last', '\\'], 7],
      ])
      expect(records[1]?.quoted).toEqual([true, true])
      expect(bytes.subarray(records[3]?.offset ?? 0).toString()).toBe('last,"\\"')
    }
  })

  it('names the line and column of a structure error', () => {
    const fail = (text: string) => {
      try {
        new CsvParser().push(Buffer.from(text), true)
      } catch (error) {
        return [(error as CsvSyntaxError).line, (error as CsvSyntaxError).column, (error as Error).message]
      }
      return undefined
    }
    expect(fail('a,b\nx,"open\n')).toEqual([2, 3, 'a quoted cell starts here and is never closed'])
    expect(fail('a,b\nx,"y"z\n')).toEqual([2, 6, expect.stringContaining('text after the closing quote')])
    expect(fail('a,b\nxé,y"z\n')).toEqual([2, 5, expect.stringContaining('a quote inside an unquoted cell')])
  })
})

describe('YAML and JSON items', () => {
  it('splits a YAML list into items with their lines, as the whole document would read them', () => {
    const text =
      '# changes\n- provider: shoptet\n  id: 7\n  description: |\n    - not an item\n- { provider: xtrakit, id: "1" }\n'
    expect(readYamlItems(text)).toEqual([
      { line: 2, value: { provider: 'shoptet', id: 7, description: '- not an item\n' } },
      { line: 6, value: { provider: 'xtrakit', id: '1' } },
    ])
    expect(readYamlItems('changes:\n  - id: 1\n  - id: 2\n').map((item) => item.line)).toEqual([2, 3])
    // Anchors used across items: read as one document.
    expect(readYamlItems('- &a { id: 1 }\n- *a\n').map((item) => item.value)).toEqual([{ id: 1 }, { id: 1 }])
  })

  it('gives YAML and JSON errors a line', () => {
    expect(() => readYamlItems('- id: 1\n- id: [2\n')).toThrow(
      expect.objectContaining({ line: expect.any(Number) }),
    )
    expect(() => readJsonItems('[\n {"id": 1},\n {"id": }\n]')).toThrow(expect.objectContaining({ line: 3 }))
    expect(readJsonItems('{"changes": [\n {"id": 1},\n\n {"id": [2]}\n]}').map((item) => item.line)).toEqual([
      2, 4,
    ])
  })
})

describe('files read whole', () => {
  it('reads a regular file up to the limit and refuses one byte more, before reading it', () => {
    const path = join(work, 'whole.txt')
    writeFileSync(path, 'x'.repeat(10))
    expect(readWholeFile(path, 'the file', 10).toString()).toBe('x'.repeat(10))
    writeFileSync(path, 'x'.repeat(11))
    expect(() => readWholeFile(path, 'the file', 10)).toThrow(
      new InputError('Cannot read the file: larger than 10 bytes, the most read from such a file'),
    )
    expect(maxWholeFileBytes).toBe(8 * 1024 * 1024)
    expect(() => readWholeFile('/dev/null', 'the null device')).toThrow(
      new InputError('Cannot read the null device: not a regular file'),
    )
  })
})

describe('plan output', () => {
  it('describes a plan of 130 000 actions on one target (no call with every line as an argument)', () => {
    const count = 130_000
    const actions = Array.from(
      { length: count },
      (_, index): PlannedAction => ({
        type: 'create',
        target: 0,
        providerId: 'shoptet',
        name: `Group ${index}`,
        key: `k${index}`,
        warnings: [],
        changes: [
          { field: 'name', from: undefined, to: `Group ${index}` },
          { field: 'description', from: undefined, to: 'x' },
        ],
        request: { name: `Group ${index}`, description: 'x' },
      }),
    )
    const plan = {
      targets: [{ index: 0, providerId: 'shoptet', provider: {}, ok: true, actions, warnings: [] }],
      actions,
      changes: count,
      failedTargets: 0,
      prune: false,
      matchNames: 'exact',
    } as unknown as CustomerGroupPlan
    const lines = describePlan(plan, 'big.yaml')
    expect(lines).toHaveLength(1 + 1 + 1 + 2 * count + 2)
    expect(lines[2]).toBe('shoptet (default account):')
    expect(lines[3]).toBe('  + create "Group 0"')
    expect(lines[4]).toBe('      description: "x"')
    expect(lines.at(-1)).toBe(
      `${count} change(s): ${count} to create, 0 to update, 0 to delete; 0 unchanged, 0 extra.`,
    )
  })
})

describe('confirmation', () => {
  it('takes Ctrl-D on a terminal as no, not as an error', async () => {
    const input = Object.assign(new PassThrough(), { isTTY: true })
    const output = Object.assign(new PassThrough(), { isTTY: true, columns: 80 })
    let shown = ''
    output.on('data', (chunk: Buffer) => {
      shown += chunk.toString()
      // The key a terminal sends for Ctrl-D, once the question is shown.
      if (shown.includes('[y/N] ') && !input.writableEnded) input.write('\u0004')
    })
    await expect(confirm('Go?', { yes: false, input, output })).resolves.toBe(false)
    expect(shown).toMatch(/Go\? \[y\/N\] .*\n$/s)
  })
})

describe('journal reader', () => {
  const header = JSON.stringify({
    journal: 'customer-groups apply',
    version: 1,
    created: 'now',
    file: { path: '/x', bytes: 1, sha256: 'ab' },
  })
  const write = (name: string, text: string) => {
    const path = join(work, name)
    writeFileSync(path, text)
    return path
  }

  it('takes done as final, and started, aborted or never finished as unknown', async () => {
    const path = write(
      'state.journal.jsonl',
      [
        header,
        '{"run":1,"at":"t","file":{"path":"/x","bytes":1,"sha256":"ab"},"concurrency":2}',
        '{"start":"aaaaaaaaaaaaaaaa","line":1,"provider":"xtrakit","id":"1"}',
        '{"start":"bbbbbbbbbbbbbbbb","line":2,"provider":"xtrakit","id":"2"}',
        '{"start":"cccccccccccccccc","line":3,"provider":"xtrakit","id":"3"}',
        '{"done":"aaaaaaaaaaaaaaaa","line":1}',
        '{"failed":"cccccccccccccccc","line":3,"error":{"name":"E","message":"m"}}',
        '{"start":"aaaaaaaaaaaaaaaa","line":9,"provider":"xtrakit","id":"1"}',
        '{"done":"bbbb',
      ].join('\n'),
    )
    const state = await readJournal(path)
    expect(Object.fromEntries(state.outcomes)).toEqual({
      aaaaaaaaaaaaaaaa: 'done',
      bbbbbbbbbbbbbbbb: 'unknown',
      cccccccccccccccc: 'failed',
    })
    expect(state.tornTail).toBe(true)
  })

  it('tells a sync what the runs cut short finished, and refuses an apply journal for a sync', async () => {
    const run = (number: number) =>
      `{"run":${number},"at":"t","file":{"path":"/x","bytes":1,"sha256":"ab"},"concurrency":3}`
    const path = write(
      'sync.journal.jsonl',
      [
        header.replace('customer-groups apply', 'customer-groups sync'),
        run(1),
        '{"start":"aaaaaaaaaaaaaaaa","line":1,"provider":"shoptet","action":"create","name":"A"}',
        '{"done":"aaaaaaaaaaaaaaaa","line":1}',
        '{"end":1,"at":"t","counts":{}}',
        run(2),
        '{"start":"bbbbbbbbbbbbbbbb","line":2,"provider":"shoptet","action":"update","id":"7","name":"B"}',
        '{"done":"bbbbbbbbbbbbbbbb","line":2}',
        '',
      ].join('\n'),
    )
    const state = await readJournal(path, 'customer-groups sync')
    expect([...state.doneSinceLastEnd]).toEqual(['bbbbbbbbbbbbbbbb'])
    expect(state.lastRun).toBe(2)
    await expect(readJournal(path)).rejects.toThrow(/not a journal of customer-groups apply/)
  })

  it('refuses what is not a journal, naming the line', async () => {
    await expect(readJournal(write('empty-object.jsonl', '{}\n'))).rejects.toThrow(
      /:1: not a journal .*header/,
    )
    await expect(
      readJournal(write('bad-record.jsonl', `${header}\n{"done":"xyz","line":1}\n{"run":2}\n`)),
    ).rejects.toThrow(/:2: .*row key/)
    await expect(
      readJournal(write('mid-garbage.jsonl', `${header}\nnot json\n{"end":1,"at":"t","counts":{}}\n`)),
    ).rejects.toThrow(/:2: .*not JSON/)
  })
})

describe('terminal text', () => {
  it('escapes what could move the cursor or pose as another line', () => {
    expect(safeText('a\u001b[2Jb\r\nc\u009b1m\u202ed\u0007')).toBe('a\\e[2Jb\\r\\nc\\x9b1m\\u202ed\\x07')
    expect(JSON.parse(safeJson({ text: 'x\u009by\u202e' }))).toEqual({ text: 'x\u009by\u202e' })
    expect(safeJson({ text: 'x\u009by' })).not.toMatch(/\u009b/)
  })

  it('shows invisible format characters escaped, so a name cannot pose as another', () => {
    expect(safeText('Premium\u200bCustomers')).toBe('Premium\\u200bCustomers')
    const invisible = [
      '\u00ad', // soft hyphen
      '\u061c', // Arabic letter mark
      '\u200b', // zero width space
      '\u200c', // zero width non-joiner
      '\u200d', // zero width joiner
      '\u200e', // left-to-right mark
      '\u202a', // left-to-right embedding
      '\u202e', // right-to-left override
      '\u2060', // word joiner
      '\u2064', // invisible plus
      '\u2066', // left-to-right isolate
      '\u2069', // pop directional isolate
      '\ufeff', // zero width no-break space (byte-order mark)
    ]
    expect(invisible.map((character) => safeText(`a${character}b`))).toEqual([
      'a\\xadb',
      'a\\u061cb',
      'a\\u200bb',
      'a\\u200cb',
      'a\\u200db',
      'a\\u200eb',
      'a\\u202ab',
      'a\\u202eb',
      'a\\u2060b',
      'a\\u2064b',
      'a\\u2066b',
      'a\\u2069b',
      'a\\ufeffb',
    ])
    // Tag characters (outside the BMP) hide ASCII text; one escape per character, not per half.
    expect(safeText('VIP\u{e0041}\u{e0042}')).toBe('VIP\\u{e0041}\\u{e0042}')
    // Visible text, accents and emoji are left alone.
    expect(safeText('Velkoobchod – ČR 🛒')).toBe('Velkoobchod – ČR 🛒')
    const json = safeJson({ name: `Premium${invisible.join('')}\u{e0041}Customers` })
    expect(json).toMatch(/^[\x20-\x7e]*$/)
    expect(JSON.parse(json)).toEqual({ name: `Premium${invisible.join('')}\u{e0041}Customers` })
    expect(safeJson({ name: 'Velkoobchod – ČR 🛒' })).toBe('{"name":"Velkoobchod – ČR 🛒"}')
  })

  it('keeps the "Stopping" line on a terminal: the bar is redrawn below it, and the summary after it', () => {
    let written = ''
    const stream = {
      isTTY: true,
      columns: 120,
      write(text: string) {
        written += text
        return true
      },
      on() {
        return stream
      },
      removeListener() {
        return stream
      },
    } as unknown as NodeJS.WriteStream
    const progress = createProgress(4, stream)
    progress.row('done xtrakit 1 (line 1)', false, { done: 1, warned: 0, failed: 0, remaining: 3 })
    progress.note('Stopping: no new rows start')
    progress.row('failed xtrakit 2 (line 2): boom', true, { done: 1, warned: 0, failed: 1, remaining: 2 })
    progress.stop()
    written += '4 row(s): 1 done\n'
    const screen = render(written)
    const stopping = screen.indexOf('Stopping: no new rows start')
    expect(stopping, screen.join('\n')).toBeGreaterThanOrEqual(0)
    expect(stopping).toBeLessThan(screen.findIndex((line) => line.startsWith('failed xtrakit 2')))
    expect(screen.at(-1)).toBe('4 row(s): 1 done')
  })
})

/** The lines a terminal would show after `text`: enough of VT100 for cli-progress. */
function render(text: string): string[] {
  const lines: string[] = ['']
  let row = 0
  let column = 0
  // biome-ignore lint/suspicious/noControlCharactersInRegex: terminal sequences are the point
  const tokens = text.match(/\u001b\[[0-9;?]*[A-Za-z]|\r|\n|[^\u001b\r\n]+/g) ?? []
  for (const token of tokens) {
    if (token === '\n') {
      row++
      column = 0
      lines[row] ??= ''
    } else if (token === '\r') column = 0
    else if (token.startsWith('\u001b[')) {
      const code = token.at(-1)
      const count = Number(token.slice(2, -1)) || 1
      if (code === 'A') row = Math.max(0, row - count)
      else if (code === 'B') row += count
      else if (code === 'G') column = count - 1
      else if (code === 'K') lines[row] = (lines[row] ?? '').slice(0, token === '\u001b[2K' ? 0 : column)
      else if (code === 'J') lines.splice(row + 1)
      lines[row] ??= ''
    } else {
      const line = (lines[row] ?? '').padEnd(column)
      lines[row] = line.slice(0, column) + token + line.slice(column + token.length)
      column += token.length
    }
  }
  return lines.filter((line, index) => line !== '' || index < lines.length - 1).map((line) => line.trimEnd())
}

describe('--concurrency', () => {
  it('takes a whole number from 1 to 1000, 3 when not given, and names the rule otherwise', () => {
    expect(concurrencyFlag(undefined)).toBe(3)
    expect([concurrencyFlag('1'), concurrencyFlag('1000')]).toEqual([1, 1000])
    for (const bad of ['0', '1001', '2.5', 'many', '', '-3'])
      expect(() => concurrencyFlag(bad)).toThrow(
        new UsageError('--concurrency must be a whole number from 1 to 1000'),
      )
  })
})
