// Every finding code in one list, so codes are enumerable (docs, tests) and a typo is a type error.
// Codes are stable: tools and the API match on them, so rename only with a note in the changelog.

/** Codes analysis reports (validateBundle, analyzeMesh). The analysis tests produce every one of them. */
export const findingCodes = [
  'schema.invalid',
  'bundle.mesh-mismatch',
  'mesh.exists',
  'name.duplicate',
  'quota.meshes',
  'quota.virtual-nodes',
  'quota.virtual-services',
  'quota.virtual-routers',
  'quota.routes-per-router',
  'quota.backends-per-node',
  'quota.targets-per-route',
  'quota.tags-per-resource',
  'node.access-log-path-not-allowed',
  'node.backend-missing',
  'node.connection-pool-protocol-mismatch',
  'node.dns-hostname-empty',
  'node.duplicate-backend',
  'node.duplicate-listener-port',
  'node.health-check-path-missing',
  'node.health-check-path-not-http',
  'node.health-check-port-mismatch',
  'node.service-discovery-missing',
  'node.timeout-protocol-mismatch',
  'router.duplicate-listener-port',
  'router.listener-missing',
  'route.router-missing',
  'route.kind-mismatch',
  'route.match-missing',
  'route.match-ambiguous',
  'route.match-port-required',
  'route.match-port-unknown',
  'route.prefix-invalid',
  'route.path-invalid',
  'route.header-range-invalid',
  'route.grpc-method-without-service',
  'route.retry-event-unknown',
  'route.shadowed',
  'route.target-missing',
  'route.target-without-listener',
  'route.target-port-required',
  'route.target-port-unknown',
  'route.target-protocol-mismatch',
  'route.duplicate-target',
  'route.weight-range',
  'route.weights-zero',
  'route.weights-over-100',
  'service.provider-missing',
  'service.provider-none',
  'service.provider-without-listener',
  'service.router-without-routes',
] as const;

/** The stable identifier of an analysis rule, such as `route.target-missing`. */
export type FindingCode = (typeof findingCodes)[number];

/**
 * Codes only compile reports: what it had to leave out or assume while building Envoy config, where
 * analysis has no rule for it. Everything else the resolver could not resolve carries its analysis code (ADR 005).
 */
export const compileDiagnosticCodes = [
  'compile.client-policy-conflict',
  'compile.cloud-map-unsupported',
  'compile.gateway-port-taken',
  'compile.health-check-grpc-needs-http2',
  'compile.health-check-path-default',
  'compile.retry-event-unknown',
  'compile.route-no-target',
  'compile.target-no-service-discovery',
  'compile.tcp-route-shadowed',
  'compile.tls-unsupported',
] as const;

/** The code of a compile diagnostic: a compile-only code or an analysis code. */
export type CompileDiagnosticCode = (typeof compileDiagnosticCodes)[number] | FindingCode;
