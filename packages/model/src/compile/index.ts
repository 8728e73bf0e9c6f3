// Compile: mesh model -> Envoy v3 configuration for one virtual node's proxy.
export { compile, compileAll, UnknownVirtualNodeError, type CompileResult, type EnvoyResources } from './compile';
export { compileWithReads, readKeyOf, type CompileReads } from './compile-reads';
export { compileGateway, compileAllGateways, UnknownVirtualGatewayError } from './compile-gateway';
export { DEFAULT_OPTIONS, resolveOptions, type CompileMode, type CompileOptions, type ResolvedOptions } from '../envoy/options';
export type { CompileDiagnostic } from '../envoy/diagnostics';
export type { EnvoyResource, JsonObject, JsonValue } from '../envoy/json';
export { names as envoyNames } from '../envoy/names';
export { GRPC_RETRY_ON, HTTP_RETRY_ON, TCP_RETRY_ON, retryPolicy } from '../envoy/retry';
