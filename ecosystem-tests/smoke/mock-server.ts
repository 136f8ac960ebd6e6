// Bun and Deno start a Prism mock through @customer-groups/testing, call it, and stop it; the process must
// then end by itself. Prints the outcome, or the error's message, as JSON.
import { createShoptet } from '@customer-groups/shoptet'
import { startMockServer } from '@customer-groups/testing'

let outcome: Record<string, unknown>
try {
  const mock = await startMockServer({ provider: 'shoptet' })
  try {
    const client = createShoptet({ accessToken: 'mock-token', baseUrl: mock.url, logLevel: 'off' })
    const { response } = await client.listCustomerGroups().withResponse()
    outcome = { url: mock.url, status: response.status }
  } finally {
    await mock.close()
  }
} catch (error) {
  outcome = { error: error instanceof Error ? error.message : String(error) }
}
console.log(JSON.stringify(outcome))
