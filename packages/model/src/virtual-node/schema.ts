import { z } from 'zod';
import { anyString, listOf, oneOf, safeName, stringOfLength } from '../common/primitives';
import { exactlyOne } from '../common/union';
import { ipPreferenceSchema } from '../mesh/schema';
import { listenerSchema } from './listener';
import { clientPolicySchema } from './tls';

const cloudMapAttrKey = stringOfLength(1, 255).regex(/^[a-zA-Z0-9!-~]+$/, { error: 'must be printable ASCII without spaces' });
const cloudMapAttrValue = stringOfLength(1, 1024).regex(/^([a-zA-Z0-9!-~][  a-zA-Z0-9!-~]*){0,1}[a-zA-Z0-9!-~]{0,1}$/, {
  error: 'must be printable ASCII, not starting or ending with a space',
});

export const dnsServiceDiscoverySchema = z.strictObject({
  /** The DNS name other nodes use to reach this node. */
  hostname: anyString(),
  ipPreference: ipPreferenceSchema.optional(),
  /** LOADBALANCER keeps one address; ENDPOINTS balances over all returned addresses. */
  responseType: oneOf(['LOADBALANCER', 'ENDPOINTS'] as const).optional(),
});

export const cloudMapServiceDiscoverySchema = z.strictObject({
  attributes: listOf(z.strictObject({ key: cloudMapAttrKey, value: cloudMapAttrValue })).optional(),
  ipPreference: ipPreferenceSchema.optional(),
  namespaceName: stringOfLength(1, 1024),
  serviceName: stringOfLength(1, 1024),
});

/** How other nodes find this node's instances: DNS or AWS Cloud Map. */
export const serviceDiscoverySchema = exactlyOne({
  awsCloudMap: cloudMapServiceDiscoverySchema,
  dns: dnsServiceDiscoverySchema,
});
export type ServiceDiscovery = z.infer<typeof serviceDiscoverySchema>;

/** A virtual service this node calls. */
export const backendSchema = exactlyOne({
  virtualService: z.strictObject({
    clientPolicy: clientPolicySchema.optional(),
    /** A name (meshwright refuses control characters and lone surrogates in names, as for resourceName). */
    virtualServiceName: safeName(anyString()),
  }),
});
export type Backend = z.infer<typeof backendSchema>;

export const loggingFormatSchema = exactlyOne({
  /** JSON lines with these keys and Envoy format strings as values. */
  json: listOf(z.strictObject({ key: stringOfLength(1, 100), value: stringOfLength(1, 100) })),
  /** An Envoy text format string. */
  text: stringOfLength(1, 1000),
});

export const loggingSchema = z.strictObject({
  accessLog: exactlyOne({
    file: z.strictObject({
      format: loggingFormatSchema.optional(),
      /** Where the proxy writes its access log, such as /dev/stdout. */
      path: stringOfLength(1, 255),
    }),
  }).optional(),
});

export const virtualNodeSpecSchema = z.strictObject({
  /** Client policy for every backend that has none of its own. */
  backendDefaults: z.strictObject({ clientPolicy: clientPolicySchema.optional() }).optional(),
  /** The virtual services this node sends traffic to. */
  backends: listOf(backendSchema).optional(),
  /** Inbound ports; App Mesh allows one, meshwright accepts several. */
  listeners: listOf(listenerSchema).optional(),
  logging: loggingSchema.optional(),
  serviceDiscovery: serviceDiscoverySchema.optional(),
});
export type VirtualNodeSpec = z.infer<typeof virtualNodeSpecSchema>;
