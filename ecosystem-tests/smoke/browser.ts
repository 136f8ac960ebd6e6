// The page's script: first what a page gets without `dangerouslyAllowBrowser`, then the smoke program with it.
import { createShoptet } from '@customer-groups/shoptet'
import { createXtrakit, xtrakit } from '@customer-groups/xtrakit'
import { refusal } from './refusal.js'
import { runSmoke, type SmokeConfig } from './smoke.js'

async function refused(create: () => unknown): Promise<unknown> {
  try {
    await create()
  } catch (error) {
    return refusal(error)
  }
  return { unexpected: 'no error' }
}

/** Runs the worker's bundle as a module worker, where `importScripts` marks the browser. */
function inWorker(config: SmokeConfig, workerUrl: string): Promise<unknown> {
  const worker = new Worker(workerUrl, { type: 'module' })
  return new Promise((resolve, reject) => {
    worker.onmessage = (event) => {
      worker.terminate()
      resolve(event.data)
    }
    worker.onerror = (event) => reject(new Error(`worker failed: ${event.message}`))
    worker.postMessage(config)
  })
}

async function browserChecks(config: SmokeConfig, workerUrl: string) {
  return {
    refused: {
      createXtrakit: await refused(() => createXtrakit({ apiKey: 'page-key', baseUrl: config.xtrakit })),
      createShoptet: await refused(() =>
        createShoptet({ accessToken: 'page-token', baseUrl: config.shoptet }),
      ),
      // Created at import, so it refuses at its first call, before sending anything.
      defaultInstance: await refused(() => xtrakit.getCustomerGroup({ id: '1' })),
    },
    worker: await inWorker(config, workerUrl),
    allowed: await runSmoke({ ...config, settings: { dangerouslyAllowBrowser: true } }),
  }
}

;(globalThis as { browserChecks?: typeof browserChecks }).browserChecks = browserChecks
