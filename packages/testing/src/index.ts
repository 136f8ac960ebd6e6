export type {
  GroupView,
  ProviderTestKit,
  StatefulModel,
  StoredGroup,
} from '@customer-groups/runtime'
export {
  type Fault,
  type FaultRequest,
  type FaultServer,
  type FaultServerOptions,
  startFaultServer,
} from './fault-server.js'
export { jsonResponse, type RecordedRequest, type Responder, recordingFetch } from './recording-fetch.js'
export { resolveSpec } from './resolve-spec.js'
export {
  publishSharedMockServers,
  reuseOrStartMockServers,
  type SharedMockServerList,
  sharedMockServersVariable,
  specDigest,
} from './shared-mock-servers.js'
export { type MockServer, type StartMockServerOptions, startMockServer } from './start-mock-server.js'
export { type MockServers, startMockServers } from './start-mock-servers.js'
export type { StatefulMockServer } from './start-stateful-mock-server.js'
export {
  type LostAnswer,
  type StatefulBackend,
  type StatefulBackendOptions,
  type StatefulFault,
  type StatefulFaultRequest,
  type StatefulRequestRecord,
  type StatefulWrite,
  startStatefulBackend,
  statefulProviderId,
} from './stateful-backend.js'
