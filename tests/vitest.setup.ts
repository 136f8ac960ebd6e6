// The test-only providers join the registry's list before any test file reads it.
import './register-test-providers.mjs'
import fc from 'fast-check'

// Property tests run from a fixed seed so CI is reproducible; FC_SEED=random explores new cases.
const seed = process.env.FC_SEED
fc.configureGlobal(seed === 'random' ? {} : { seed: Number(seed ?? 20261123) })
