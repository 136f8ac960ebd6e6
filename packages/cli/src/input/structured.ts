import { isMap, isSeq, LineCounter, parseDocument, parse as parseYaml } from 'yaml'
import { isAliasExpansionError } from './yaml-file.js'

/** One item of the list of changes in a YAML or JSON file. */
export interface Item {
  value: unknown
  /** Line the item starts on, from 1. */
  line: number
}

/** A problem with the file as a whole, with its line and column when known. */
export class StructureError extends Error {
  override readonly name = 'StructureError'
  constructor(
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message)
  }
}

const expected = 'expected a list of changes, or { changes: [...] }'

/**
 * Reads the changes of a YAML file item by item: the top-level list (or the
 * list under `changes:`) is split at its `- ` lines and each item is parsed on
 * its own, so memory follows the largest item, not the whole document tree.
 * Anything the splitter does not recognize (flow lists, anchors used across
 * items, several documents, a parse error) is read as one document instead,
 * which gives the same values and the parser's own error with its line.
 */
export function readYamlItems(text: string): Item[] {
  return splitYaml(text) ?? readYamlDocument(text)
}

function splitYaml(text: string): Item[] | undefined {
  const lines = text.split('\n')
  const significant = (line: string) => {
    const trimmed = line.trim()
    return trimmed !== '' && !trimmed.startsWith('#')
  }
  let index = 0
  while (index < lines.length && !significant(lines[index] ?? '')) index++
  if (/^---\s*(#.*)?$/.test(lines[index] ?? '')) {
    index++
    while (index < lines.length && !significant(lines[index] ?? '')) index++
  }
  let indent = 0
  const first = lines[index] ?? ''
  if (/^changes\s*:\s*(#.*)?$/.test(first)) {
    index++
    while (index < lines.length && !significant(lines[index] ?? '')) index++
    const match = /^( *)-( |$)/.exec(lines[index] ?? '')
    if (match === null) return undefined
    indent = match[1]?.length ?? 0
  } else if (!/^-( |$)/.test(first)) return undefined
  const itemStart = new RegExp(`^ {${indent}}-( |$)`)
  const starts: number[] = []
  for (let at = index; at < lines.length; at++) {
    const line = (lines[at] ?? '').replace(/\r$/, '')
    if (itemStart.test(line)) starts.push(at)
    else if (significant(line)) {
      const lead = /^ */.exec(line)?.[0].length ?? 0
      // A line at or left of the list's `-` that does not start an item ends the list: not a shape we split.
      if (lead <= indent || line.startsWith('\t')) return undefined
    }
  }
  const items: Item[] = []
  for (let item = 0; item < starts.length; item++) {
    const from = starts[item] as number
    const to = starts[item + 1] ?? lines.length
    const head = lines[from] as string
    const source = [`${head.slice(0, indent)} ${head.slice(indent + 1)}`, ...lines.slice(from + 1, to)].join(
      '\n',
    )
    try {
      items.push({ value: parseYaml(source, { prettyErrors: true }) ?? null, line: from + 1 })
    } catch {
      // A parse error, or an alias to another item's anchor: the whole document says what it is.
      return undefined
    }
  }
  return items
}

function readYamlDocument(text: string): Item[] {
  const lineCounter = new LineCounter()
  const document = parseDocument(text, { lineCounter, prettyErrors: true })
  const [error] = document.errors
  if (error !== undefined) {
    const position = error.linePos?.[0]
    // The parser's message repeats the position and quotes the source after a colon line; keep its first line.
    const message = error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? error.message
    throw new StructureError(`not valid YAML: ${message}`, position?.line, position?.col)
  }
  const top: unknown = document.contents
  const list: unknown = isMap(top) ? top.get('changes', true) : top
  if (!isSeq(list)) throw new StructureError(expected)
  if (isMap(top) && top.items.length > 1)
    throw new StructureError(`${expected}; other top-level keys are not read`)
  // Converted as a whole, so aliases resolve to the anchors they name.
  let values: unknown
  try {
    values = document.toJS({ maxAliasCount: 1000 })
  } catch (error) {
    if (!isAliasExpansionError(error)) throw error
    throw new StructureError(`not read: its YAML aliases (*name) expand to too much; write the values out`)
  }
  const items = (isMap(top) ? (values as { changes: unknown[] }).changes : values) as unknown[]
  return list.items.map((node, index) => ({
    line: lineCounter.linePos((node as { range?: readonly number[] }).range?.[0] ?? 0).line,
    value: items[index],
  }))
}

/** Line and column (from 1) of a character offset. */
function position(text: string, offset: number): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) {
    line++
    lineStart = at + 1
  }
  return { line, column: offset - lineStart + 1 }
}

/** Reads a JSON file: a list of changes or `{ "changes": [...] }`, each with the line it starts on. */
export function readJsonItems(text: string): Item[] {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    const offset = jsonErrorOffset(text)
    const where = position(text, offset)
    const found = offset >= text.length ? 'the end of the file' : JSON.stringify(text[offset])
    throw new StructureError(
      `not valid JSON: unexpected ${found} (${(error as Error).message.split('\n')[0]})`,
      where.line,
      where.column,
    )
  }
  const object = typeof value === 'object' && value !== null && !Array.isArray(value)
  const list = object ? (value as Record<string, unknown>).changes : value
  if (!Array.isArray(list)) throw new StructureError(expected)
  if (object && Object.keys(value as object).length > 1)
    throw new StructureError(`${expected}; other top-level keys are not read`)
  const starts = jsonItemOffsets(text, object)
  let line = 1
  let from = 0
  return list.map((item, index) => {
    const offset = starts[index] ?? from
    for (let at = text.indexOf('\n', from); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) line++
    from = offset
    return { value: item, line }
  })
}

/** Offsets where the items of the list of changes start, in a text JSON.parse accepted. */
function jsonItemOffsets(text: string, underChangesKey: boolean): number[] {
  const offsets: number[] = []
  const targetDepth = underChangesKey ? 2 : 1
  let depth = 0
  let inList = false
  let expectItem = false
  let lastKey: string | undefined
  for (let at = 0; at < text.length; at++) {
    const character = text[at]
    if (character === '"') {
      const start = at
      for (at++; at < text.length && text[at] !== '"'; at++) if (text[at] === '\\') at++
      if (inList && expectItem && depth === targetDepth) {
        offsets.push(start)
        expectItem = false
      } else if (depth === 1 && underChangesKey) lastKey = text.slice(start + 1, at)
      continue
    }
    if (character === ' ' || character === '\n' || character === '\r' || character === '\t') continue
    if (character === ',' && inList && depth === targetDepth) {
      expectItem = true
      continue
    }
    if (character === '[' || character === '{') {
      if (inList && expectItem && depth === targetDepth) {
        offsets.push(at)
        expectItem = false
      }
      depth++
      if (character === '[' && depth === targetDepth && (!underChangesKey || lastKey === 'changes')) {
        inList = true
        expectItem = true
      }
      continue
    }
    if (character === ']' || character === '}') {
      if (inList && depth === targetDepth) inList = false
      depth--
      continue
    }
    if (character === ':' || character === ',') continue
    if (inList && expectItem && depth === targetDepth) {
      offsets.push(at)
      expectItem = false
    }
  }
  return offsets
}

/** Offset of the first character JSON.parse would stumble on (Node 20 does not always say). */
export function jsonErrorOffset(text: string): number {
  let at = 0
  const space = () => {
    while (at < text.length && ' \t\r\n'.includes(text[at] as string)) at++
  }
  const fail = (): never => {
    throw at
  }
  const value = (): void => {
    space()
    const character = text[at]
    if (character === '{' || character === '[') {
      const close = character === '{' ? '}' : ']'
      at++
      space()
      if (text[at] === close) {
        at++
        return
      }
      for (;;) {
        if (close === '}') {
          space()
          if (text[at] !== '"') fail()
          value()
          space()
          if (text[at] !== ':') fail()
          at++
        }
        value()
        space()
        if (text[at] === ',') {
          at++
          continue
        }
        if (text[at] !== close) fail()
        at++
        return
      }
    }
    if (character === '"') {
      for (at++; at < text.length && text[at] !== '"'; at++) {
        if (text[at] === '\\') at++
        else if ((text.charCodeAt(at) ?? 0) < 0x20) fail()
      }
      if (at >= text.length) fail()
      at++
      return
    }
    const literal = /^(true|false|null|-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?)/.exec(
      text.slice(at, at + 400),
    )
    if (literal === null) fail()
    at += (literal as RegExpExecArray)[0].length
  }
  try {
    value()
    space()
    return Math.min(at, text.length)
  } catch (offset) {
    return offset as number
  }
}
