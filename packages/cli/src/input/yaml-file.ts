import { type Document, LineCounter, parseDocument } from 'yaml'
import { InputError } from '../usage-error.js'
import { readWholeFile } from './whole-file.js'

/**
 * A small YAML (or JSON) file parsed as a document, with its bytes and the
 * line of any of its nodes: a syntax error is InputError (exit 2) naming the file and line.
 */
export function readYamlFile(
  path: string,
  what: string,
): { bytes: Buffer; document: Document.Parsed; lineOf(node: unknown): number } {
  const bytes = readWholeFile(path, what)
  const text = bytes.toString('utf8')
  const lineCounter = new LineCounter()
  const document = parseDocument(text, { lineCounter, prettyErrors: true })
  const [error] = document.errors
  if (error !== undefined) {
    const line = error.linePos?.[0]?.line
    throw new InputError(
      `${path}${line === undefined ? '' : `:${line}`}: not valid YAML or JSON: ${error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '')}`,
    )
  }
  return {
    bytes,
    document,
    lineOf: (node) =>
      lineCounter.linePos((node as { range?: readonly number[] } | null)?.range?.[0] ?? 0).line,
  }
}

/** Whether `error` is yaml's guard against a billion laughs: aliases of aliases that would expand to gigabytes. */
export function isAliasExpansionError(error: unknown): error is ReferenceError {
  return error instanceof ReferenceError && /alias/i.test(error.message)
}
