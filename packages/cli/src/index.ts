export { parseOptionValue } from './option-value.js'
export { type Output, processOutput } from './output.js'
export { run, usage } from './run.js'
