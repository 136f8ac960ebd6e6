// The library alone making the calls `customer-groups apply` makes for the
// benchmark's rows: node library-apply.mjs ROWS CONCURRENCY BASE_URL
import { updateCustomerGroup } from '@customer-groups/client'
import { createXtrakit } from '@customer-groups/xtrakit'

const [rows, concurrency, baseUrl] = process.argv.slice(2)
const provider = createXtrakit({ apiKey: 'bench-key', baseUrl })
let next = 1
let failed = 0
await Promise.all(
  Array.from({ length: Number(concurrency) }, async () => {
    while (next <= Number(rows)) {
      const id = next++
      try {
        await updateCustomerGroup({
          provider,
          id: String(id),
          name: `Group ${id}`,
          description: 'Partners buying in bulk',
        })
      } catch {
        failed++
      }
    }
  }),
)
if (failed > 0) {
  console.error(`${failed} call(s) failed`)
  process.exitCode = 1
}
