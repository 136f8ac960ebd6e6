// `pnpm run docs` builds the API reference of every published package from its built .d.ts into
// docs-html/api (scripts/build-docs.mjs). Validation fails the build on an export without
// documentation, on a broken {@link}, and on a public signature that names a type nobody can import.

import { readdirSync, readFileSync } from 'node:fs'

/** Every package we publish: each one under packages/ not marked private. */
const published = readdirSync(new URL('./packages/', import.meta.url))
  .filter((folder) => {
    const manifest = JSON.parse(
      readFileSync(new URL(`./packages/${folder}/package.json`, import.meta.url), 'utf8'),
    )
    return manifest.private !== true
  })
  .map((folder) => `packages/${folder}`)

/** @type {Partial<import('typedoc').TypeDocOptions>} */
export default {
  name: 'customer-groups',
  entryPointStrategy: 'packages',
  entryPoints: published,
  // Each package from its .d.ts, as users get it. A package's own typedoc.json adds its other entry points,
  // and names its helper types that shape public signatures without being an API of their own.
  packageOptions: { entryPoints: ['dist/index.d.ts'], tsconfig: '../../tsconfig.docs.json' },
  readme: 'none',
  highlightLanguages: [
    'bash',
    'sh',
    'console',
    'csv',
    'json',
    'jsonc',
    'yaml',
    'typescript',
    'javascript',
    'tsx',
  ],
  out: 'docs-html/api',
  validation: { notExported: true, invalidLink: true, notDocumented: true },
  treatValidationWarningsAsErrors: true,
}
