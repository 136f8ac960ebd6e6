// `pnpm run docs`: browsable reference docs for every spec in specs/, into docs-html/ (git-ignored).
import { execFileSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
for (const file of readdirSync(`${root}specs`).filter((name) => name.endsWith('.openapi.yaml'))) {
  const name = file.replace('.openapi.yaml', '')
  execFileSync('pnpm', ['exec', 'redocly', 'build-docs', `specs/${file}`, '-o', `docs-html/${name}.html`], {
    cwd: root,
    stdio: 'inherit',
  })
}
