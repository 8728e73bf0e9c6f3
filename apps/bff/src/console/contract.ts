// The console API's shapes as zod schemas: the OpenAPI document is generated from them, the router
// validates its query with them, and the type checks below keep them equal to what the code sends.
import { z } from 'zod';
import { bundleSchema, oneOf, resourceKinds, resourceName, type Finding } from '@meshwright/model';
import type { TypeStatus } from '../xds/xds-messages';
import type { GatewaySyncStatus, MeshSyncStatus, NodeSyncStatus, ProxyStatus } from '../xds/sync-status';
import type { XdsEvents } from '../xds/xds-events';

export const resourceIdSchema = z.object({ kind: z.enum(resourceKinds), name: z.string() });

export const findingSchema = z.object({
  code: z.string().describe('Stable identifier of the rule, such as route.target-missing'),
  severity: z.enum(['error', 'warning']),
  category: z.enum(['spec', 'reference', 'consistency', 'quota', 'conflict']).describe('Picks the App Mesh error a write fails with'),
  resource: resourceIdSchema,
  path: z.string().describe("JSON path inside the resource's CLI-input document"),
  message: z.string(),
});

export const errorSchema = z.object({
  message: z.string(),
  resource: resourceIdSchema.optional(),
  field: z.string().optional().describe('JSON path in the request body'),
  findings: z.array(findingSchema).optional().describe('Every error found, when the request was a whole bundle'),
});

export { bundleSchema };

export const bundleValidationSchema = z.object({
  valid: z.boolean(),
  findings: z.array(findingSchema),
  envoy: z.record(z.string(), z.object({ static: z.string(), ads: z.string() })).describe('Per virtual node; empty while there are errors'),
  gatewayEnvoy: z.record(z.string(), z.object({ static: z.string(), ads: z.string() })).describe('Per virtual gateway; empty while there are errors'),
});

export const createdSchema = z.object({
  created: z.array(z.object({ kind: z.enum(resourceKinds), name: z.string(), arn: z.string() })),
});

export const meshBundleSchema = z.object({ bundle: bundleSchema, findings: z.array(findingSchema) });
export const analysisSchema = z.object({ findings: z.array(findingSchema) });

const typeState = z.enum(['SYNCED', 'NOT_SENT', 'STALE', 'NACKED']);
const nullableString = () => z.string().nullable();

export const typeStatusSchema = z
  .object({
    typeUrl: z.string(),
    state: typeState,
    desiredVersion: nullableString(),
    lastSentVersion: nullableString(),
    lastSentAt: nullableString(),
    lastAckedVersion: nullableString(),
    lastAckedAt: nullableString(),
    nackMessage: nullableString().describe("Envoy's error_detail of the last NACK"),
    nackedVersion: nullableString(),
    subscribedNames: z.array(z.string()).describe('Empty means all (wildcard)'),
  })
  .describe('One xDS type of one proxy: what was sent, what Envoy ACKed, and its message when it NACKed');

export const proxyStatusSchema = z.object({
  streamId: z.string(),
  nodeId: z.string(),
  protocol: z.enum(['sotw', 'delta']),
  address: z.string(),
  connectedSince: z.string(),
  state: typeState,
  types: z.object({ clusters: typeStatusSchema, listeners: typeStatusSchema, routes: typeStatusSchema }),
});

const syncStatusShape = {
  meshName: z.string(),
  state: z.enum([...typeState.options, 'DISCONNECTED']).describe('The worst state over the connected proxies'),
  configError: nullableString().describe('Why the latest change could not become config for this proxy (the last good one stays)'),
  proxies: z.array(proxyStatusSchema),
};

export const nodeSyncStatusSchema = z.object({ proxyKind: z.literal('virtualNode'), virtualNodeName: z.string(), ...syncStatusShape });
export const gatewaySyncStatusSchema = z.object({ proxyKind: z.literal('virtualGateway'), virtualGatewayName: z.string(), ...syncStatusShape });

export const meshSyncStatusSchema = z.object({
  meshName: z.string(),
  nodes: z.record(z.string(), nodeSyncStatusSchema),
  gateways: z.record(z.string(), gatewaySyncStatusSchema),
});

export const changeEventSchema = z.object({ meshName: z.string() });
export const syncEventSchema = z.union([
  z.object({ meshName: z.string(), proxyKind: z.literal('virtualNode'), virtualNodeName: z.string(), status: nodeSyncStatusSchema }),
  z.object({ meshName: z.string(), proxyKind: z.literal('virtualGateway'), virtualGatewayName: z.string(), status: gatewaySyncStatusSchema }),
]);

export * from '../traffic/contract';

export const meshParams = z.object({ mesh: resourceName() });
export const nodeParams = z.object({ mesh: resourceName(), node: resourceName() });
export const gatewayParams = z.object({ mesh: resourceName(), gateway: resourceName() });

export const envoyConfigQuery = z.object({
  mode: oneOf(['static', 'ads'] as const).default('static'),
  format: oneOf(['yaml', 'json'] as const).default('yaml'),
});

// Compile-time proof that the schemas say what the code sends: a drift fails the typecheck.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const agree = <T extends true>(): T | undefined => undefined;
agree<Same<z.infer<typeof typeStatusSchema>, TypeStatus>>();
agree<Same<z.infer<typeof proxyStatusSchema>, ProxyStatus>>();
agree<Same<z.infer<typeof nodeSyncStatusSchema>, NodeSyncStatus>>();
agree<Same<z.infer<typeof gatewaySyncStatusSchema>, GatewaySyncStatus>>();
agree<Same<z.infer<typeof meshSyncStatusSchema>, MeshSyncStatus>>();
agree<Same<z.infer<typeof changeEventSchema>, XdsEvents['change'][0]>>();
agree<Same<z.infer<typeof syncEventSchema>, XdsEvents['sync'][0]>>();
// Codes may narrow to a union in the model; every finding still fits the schema.
agree<Finding extends z.infer<typeof findingSchema> ? true : false>();

// Issued xDS client certificates of proxies (console/proxy-certificates.ts).
export const proxyCertificateSchema = z.object({
  serial: z.string().describe('Upper-case hex serial number of the certificate'),
  meshName: z.string(),
  proxyId: z.string().describe('mesh/<mesh>/virtualNode/<node> or mesh/<mesh>/virtualGateway/<gateway>; the certificate names it as spiffe://meshwright/<proxyId>'),
  issuedAt: z.string(),
  expiresAt: z.string(),
  revokedAt: nullableString().describe('Set once revoked: the xDS server refuses the certificate and ends its open streams'),
});
export const proxyCertificateListSchema = z.object({ certificates: z.array(proxyCertificateSchema) });
export const proxyCertificatesQuery = z.object({ mesh: z.string().optional().describe('Only the certificates of this mesh') });
export const serialParams = z.object({ serial: z.string().regex(/^[0-9A-Fa-f]{1,64}$/, { error: 'must be a hexadecimal serial number' }) });
