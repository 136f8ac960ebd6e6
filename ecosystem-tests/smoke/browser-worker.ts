// A page's web worker: refused without `dangerouslyAllowBrowser`, and one real call with it.
import { createXtrakit } from '@customer-groups/xtrakit'
import { refusal } from './refusal.js'
import type { SmokeConfig } from './smoke.js'

const scope = globalThis as unknown as {
  onmessage: ((event: MessageEvent<SmokeConfig>) => void) | null
  postMessage(message: unknown): void
}

scope.onmessage = async ({ data: config }) => {
  let refused: unknown = { unexpected: 'no error' }
  try {
    createXtrakit({ apiKey: 'worker-key', baseUrl: config.xtrakit })
  } catch (error) {
    refused = refusal(error)
  }
  const allowed = await createXtrakit({
    apiKey: 'worker-key',
    baseUrl: config.xtrakit,
    dangerouslyAllowBrowser: true,
  })
    .getCustomerGroup({ id: '1' })
    .withResponse()
    .then(({ response }) => ({ status: response.status }))
    .catch((error: unknown) => ({ unexpected: String(error) }))
  scope.postMessage({ refused, allowed })
}
