import { build } from 'esbuild'
import { gzipSync } from 'node:zlib'
import { resolve } from 'node:path'
const root = resolve('..')
const what = process.argv[2] ?? 'createXtrakitTransport, updateCustomerGroup'
const pkg = process.argv[3] ?? 'xtrakit'
const plugin = { name: 'src', setup(b) {
  b.onResolve({ filter: /^@customer-groups\/(runtime|registry)(\/errors)?$/ }, (a) => {
    const [, p, sub] = a.path.match(/^@customer-groups\/(\w+)(\/errors)?$/)
    return { path: `${root}/packages/${p}/src/${sub ? 'errors/' : ''}index.ts` }
  })
}}
const r = await build({ stdin: { contents: `export { ${what} } from '${root}/packages/${pkg}/src/index.ts'`, resolveDir: process.cwd() }, bundle: true, minify: true, format: 'esm', platform: 'neutral', mainFields: ['module','main'], write: false, metafile: true, logLevel:'silent', plugins: [plugin] })
const out = Object.values(r.metafile.outputs)[0]
console.log('total', r.outputFiles[0].contents.byteLength, 'gz', gzipSync(r.outputFiles[0].contents).byteLength)
for (const [k,v] of Object.entries(out.inputs).sort((a,b)=>b[1].bytesInOutput-a[1].bytesInOutput)) console.log(v.bytesInOutput, k.replace(root,''))
