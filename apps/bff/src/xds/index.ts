// The control plane's public surface for server.ts and createApp: start the ADS server, mount its routes.
export { startXdsServer, type XdsServer, type XdsServerOptions } from './ads-server';
export { createXdsRouter } from './router';
export type { GatewaySyncStatus, MeshSyncStatus, NodeSyncStatus, ProxyStatus } from './sync-status';
export type { TypeStatus } from './ads-protocol';
