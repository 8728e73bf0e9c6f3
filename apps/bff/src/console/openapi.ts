// The OpenAPI 3.1 document of the console endpoints under /api, generated from the zod schemas in
// contract.ts (zod's own JSON Schema output is 2020-12, which OpenAPI 3.1 uses). The App Mesh API
// under /v20190125 is described by AWS's model. openapi.test.ts checks every mounted route is here.
import { z } from 'zod';
import * as a from '../auth/contract';
import * as c from './contract';

// Request bodies are what a client sends, so schemas are described as input (defaults optional).
// The only response schema with defaults, Bundle, is then looser than what is sent, never stricter.
const io = 'input';

const components = z.registry<{ id: string }>();
const named: Record<string, z.ZodType> = {
  Error: c.errorSchema,
  ResourceId: c.resourceIdSchema,
  Finding: c.findingSchema,
  Bundle: c.bundleSchema,
  BundleValidation: c.bundleValidationSchema,
  Created: c.createdSchema,
  MeshBundle: c.meshBundleSchema,
  Analysis: c.analysisSchema,
  TypeStatus: c.typeStatusSchema,
  ProxyStatus: c.proxyStatusSchema,
  NodeSyncStatus: c.nodeSyncStatusSchema,
  GatewaySyncStatus: c.gatewaySyncStatusSchema,
  MeshSyncStatus: c.meshSyncStatusSchema,
  ChangeEvent: c.changeEventSchema,
  SyncEvent: c.syncEventSchema,
  Traffic: c.trafficSchema,
  NodeTraffic: c.nodeTrafficSchema,
  AccessLog: c.accessLogSchema,
  AccessLogLine: c.accessLogLineSchema,
  SignIn: a.signInSchema,
  SessionInfo: a.sessionInfoSchema,
  AccessKeyList: a.accessKeyListSchema,
  CreateAccessKey: a.createAccessKeySchema,
  CreatedAccessKey: a.createdAccessKeySchema,
  AuditEvents: a.auditEventsSchema,
  ProxyCertificate: c.proxyCertificateSchema,
  ProxyCertificateList: c.proxyCertificateListSchema,
};
for (const [id, schema] of Object.entries(named)) components.add(schema, { id });

type JsonSchema = Record<string, unknown>;

function withoutDialect(schema: JsonSchema): JsonSchema {
  const { $schema: _dialect, $id: _id, ...rest } = schema;
  return rest;
}

const generated = z.toJSONSchema(components, { io, unrepresentable: 'any', uri: (id) => `#/components/schemas/${id}` });
const schemas = Object.fromEntries(Object.entries(generated.schemas).map(([id, s]) => [id, withoutDialect(s as JsonSchema)]));

const ref = (id: keyof typeof named) => ({ $ref: `#/components/schemas/${id}` });
const json = (schema: object) => ({ 'application/json': { schema } });

/** Path or query parameters from an object schema, each member's JSON Schema from zod. */
function parameters(where: 'path' | 'query', shape: z.ZodObject | undefined) {
  return Object.entries(shape?.shape ?? {}).map(([name, member]) => ({
    name,
    in: where,
    required: where === 'path' || !(member as z.ZodType).safeParse(undefined).success,
    schema: withoutDialect(z.toJSONSchema(member as z.ZodType, { io, unrepresentable: 'any' }) as JsonSchema),
  }));
}

interface Endpoint {
  summary: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: keyof typeof named;
  /** Status to a description and the component the body follows (errors follow Error). */
  responses: Record<string, [description: string, body?: keyof typeof named | { content: object }]>;
}

type Endpoints = Record<string, Partial<Record<'get' | 'post' | 'delete', Endpoint>>>;

const chartResponses: Endpoint['responses'] = { '200': ['Points, oldest first', 'NodeTraffic'], '400': ['BadRequestException: bad window'], '404': ['NotFoundException'] };

/** What tells a virtual node's traffic and access-log endpoints from a virtual gateway's. */
interface ProxyKind {
  /** The resource's path, e.g. /api/meshes/{mesh}/virtualNodes/{node}. */
  path: string;
  params: z.ZodObject;
  noun: 'node' | 'gateway';
}

/** A proxy kind's traffic charts, and its access log with the log's live stream (kept apart: the document lists them apart). */
function proxyEndpoints({ path, params, noun }: ProxyKind): { traffic: Endpoints; accessLog: Endpoints } {
  return {
    traffic: {
      [`${path}/traffic`]: { get: { summary: `A ${noun}'s requests, 5xx and p99 per 10 s over the window (its charts)`, params, query: c.trafficQuery, responses: chartResponses } },
    },
    accessLog: {
      [`${path}/access-log`]: {
        get: { summary: `The ${noun}'s proxies' latest access-log lines (gRPC access log), newest first`, params, query: c.accessLogQuery, responses: { '200': ['Lines', 'AccessLog'], '400': ['BadRequestException: bad limit or status'], '404': ['NotFoundException'] } },
      },
      [`${path}/access-log/stream`]: {
        get: {
          summary: `Server-sent events: \`event: line\` with an AccessLogLine as the ${noun}'s proxies send them`,
          params,
          query: c.accessLogQuery.pick({ status: true }),
          responses: { '200': ['text/event-stream of AccessLogLine', { content: { 'text/event-stream': { schema: { type: 'string' } } } }], '404': ['NotFoundException'] },
        },
      },
    },
  };
}

const node = proxyEndpoints({ path: '/api/meshes/{mesh}/virtualNodes/{node}', params: c.nodeParams, noun: 'node' });
const gateway = proxyEndpoints({ path: '/api/meshes/{mesh}/virtualGateways/{gateway}', params: c.gatewayParams, noun: 'gateway' });

const endpoints: Endpoints = {
  '/readyz': { get: { summary: 'Readiness: 200 while the store answers, 503 otherwise', responses: { '200': ['{"status":"ready"}', { content: json({ type: 'object', properties: { status: { const: 'ready' } } }) }], '503': ['the store does not answer', { content: json({ type: 'object', properties: { status: { const: 'unavailable' }, message: { type: 'string' } } }) }] } } },
  '/healthz': { get: { summary: 'Liveness: answers while the server runs', responses: { '200': ['{"status":"ok"}', { content: json({ type: 'object', properties: { status: { const: 'ok' } } }) }] } } },
  '/api/openapi.json': { get: { summary: 'This document', responses: { '200': ['OpenAPI 3.1', { content: json({ type: 'object' }) }] } } },
  '/api/bundles/validate': {
    post: {
      summary: 'Dry run: schema check, analysis (a taken mesh name included) and compiled Envoy bootstraps of a bundle',
      body: 'Bundle',
      responses: { '200': ['The verdict (schema problems are findings too)', 'BundleValidation'], '400': ['The body is not JSON'] },
    },
  },
  '/api/bundles': {
    post: {
      summary: 'Create a whole mesh from a bundle in one transaction (all or nothing), with the App Mesh API\'s checks in its order',
      body: 'Bundle',
      responses: {
        '201': ['Everything was created', 'Created'],
        '400': ['BadRequestException or LimitExceededException, naming the resource and field'],
        '404': ['NotFoundException: a reference to a resource that is not in the bundle'],
        '409': ['ConflictException: the mesh exists (field mesh.meshName)'],
      },
    },
  },
  '/api/meshes/{mesh}/bundle': {
    get: { summary: 'A stored mesh as a bundle, with its analysis findings', params: c.meshParams, responses: { '200': ['The mesh', 'MeshBundle'], '404': ['NotFoundException'] } },
  },
  '/api/meshes/{mesh}/analysis': {
    get: { summary: 'Analysis findings of a stored mesh', params: c.meshParams, responses: { '200': ['Findings', 'Analysis'], '404': ['NotFoundException'] } },
  },
  '/api/meshes/{mesh}/virtualNodes/{node}/envoy-config': {
    get: {
      summary: "Download the Envoy bootstrap of a virtual node's proxy",
      params: c.nodeParams,
      query: c.envoyConfigQuery,
      responses: {
        '200': [
          "Attachment <mesh>-<node>-envoy-<mode>.<format>; ads bootstraps point at this server's xDS address and, unless XDS_INSECURE=1, carry a newly issued client certificate, its key and the CA inline (a secret: keep the file as you would the key)",
          { content: { 'application/yaml': { schema: { type: 'string' } }, 'application/json': { schema: { type: 'object' } } } },
        ],
        '400': ['BadRequestException: bad mode or format'],
        '404': ['NotFoundException'],
      },
    },
  },
  '/api/meshes/{mesh}/virtualGateways/{gateway}/envoy-config': {
    get: {
      summary: "Download the Envoy bootstrap of a virtual gateway's proxy (node id mesh/<mesh>/virtualGateway/<gateway>)",
      params: c.gatewayParams,
      query: c.envoyConfigQuery,
      responses: {
        '200': [
          "Attachment <mesh>-<gateway>-gateway-envoy-<mode>.<format>; ads bootstraps point at this server's xDS address",
          { content: { 'application/yaml': { schema: { type: 'string' } }, 'application/json': { schema: { type: 'object' } } } },
        ],
        '400': ['BadRequestException: bad mode or format'],
        '404': ['NotFoundException: the mesh or the gateway does not exist'],
      },
    },
  },
  '/api/meshes/{mesh}/virtualGateways/{gateway}/sync-status': {
    get: {
      summary: "xDS sync state of a virtual gateway's connected proxies",
      params: c.gatewayParams,
      responses: { '200': ['DISCONNECTED with no proxies when none is connected', 'GatewaySyncStatus'], '404': ['NotFoundException: the mesh or the gateway does not exist'] },
    },
  },
  '/api/meshes/{mesh}/virtualNodes/{node}/sync-status': {
    get: {
      summary: "xDS sync state of a virtual node's connected proxies",
      params: c.nodeParams,
      responses: { '200': ['DISCONNECTED with no proxies when none is connected', 'NodeSyncStatus'], '404': ['NotFoundException: the mesh or the node does not exist'] },
    },
  },
  '/api/meshes/{mesh}/sync-status': {
    get: {
      summary: 'xDS sync state of every virtual node and virtual gateway of a mesh that has or had a proxy, in one answer',
      params: c.meshParams,
      responses: { '200': ['nodes per node name and gateways per gateway name, what the per-node and per-gateway endpoints answer; one whose proxies all left is DISCONNECTED', 'MeshSyncStatus'], '404': ['NotFoundException: the mesh does not exist'] },
    },
  },
  '/api/meshes/{mesh}/traffic': {
    get: {
      summary: "Traffic in mesh terms over the window, from the proxies' stat flushes: one edge per caller, service, route and target",
      params: c.meshParams,
      query: c.trafficQuery,
      responses: { '200': ['Edges with requests, rps, status classes, latency quantiles, configured weight and measured share; each gateway route\'s own counts; every proxy\'s health', 'Traffic'], '400': ['BadRequestException: bad window'], '404': ['NotFoundException'] },
    },
  },
  ...node.traffic,
  ...gateway.traffic,
  '/api/meshes/{mesh}/virtualRouters/{router}/routes/{route}/traffic': {
    get: { summary: "A route's requests, 5xx and p99 per 10 s over the window, from its Envoy route stats in every caller", params: c.routeTrafficParams, query: c.trafficQuery, responses: chartResponses },
  },
  ...gateway.accessLog,
  ...node.accessLog,
  '/api/session': {
    post: { summary: 'Sign in with an access key: sets the HttpOnly session cookie meshwright_session; state-changing requests then need x-csrf-token and a same-origin Origin', body: 'SignIn', responses: { '200': ['signed in', 'SessionInfo'], '401': ['wrong access key ID or secret'] } },
    get: { summary: 'The signed-in key and the CSRF token of the session cookie', responses: { '200': ['signed in', 'SessionInfo'], '401': ['not signed in'] } },
    delete: { summary: 'Sign out: the session ends and the cookie is cleared', responses: { '204': ['signed out', { content: {} }] } },
  },
  '/api/keys': {
    get: { summary: 'Access keys (admin)', responses: { '200': ['every key, secrets never', 'AccessKeyList'], '403': ['not an admin key'] } },
    post: { summary: 'Create an access key (admin); the secret is in this answer only', body: 'CreateAccessKey', responses: { '201': ['created', 'CreatedAccessKey'], '400': ['bad name, role or meshes'], '403': ['not an admin key'] } },
  },
  '/api/keys/{accessKeyId}': {
    delete: { summary: 'Delete an access key and its sessions (admin)', params: z.object({ accessKeyId: z.string() }), responses: { '204': ['deleted', { content: {} }], '404': ['no such key'], '409': ['the last admin key'] } },
  },
  '/api/audit': {
    get: { summary: 'The audit trail, newest first (admin): every write and every refused authentication', query: a.auditQuerySchema, responses: { '200': ['events', 'AuditEvents'], '403': ['not an admin key'] } },
  },
  '/api/proxy-certificates': {
    get: {
      summary: 'Client certificates issued to proxies with their ADS bootstraps, oldest first (empty under XDS_INSECURE=1)',
      query: c.proxyCertificatesQuery,
      responses: { '200': ['Every issued certificate, revoked ones included', 'ProxyCertificateList'] },
    },
  },
  '/api/proxy-certificates/{serial}/revoke': {
    post: {
      summary: 'Revoke a proxy certificate: the xDS server refuses it from now on and ends its open streams',
      params: c.serialParams,
      responses: { '200': ['The certificate, revokedAt set (a second revoke keeps the first time)', 'ProxyCertificate'], '400': ['BadRequestException: not a hex serial'], '404': ['NotFoundException: no such certificate, or xDS runs without TLS'] },
    },
  },
  '/api/events': {
    get: {
      summary: "Server-sent events: `change` after every write, `sync` when a node's or a gateway's sync state changes",
      responses: {
        '200': [
          'text/event-stream. `event: change` with data ChangeEvent; `event: sync` with data SyncEvent. Comment lines keep the connection alive.',
          { content: { 'text/event-stream': { schema: { type: 'string' } } } },
        ],
      },
    },
  },
};

function operation(e: Endpoint) {
  const params = [...parameters('path', e.params), ...parameters('query', e.query)];
  const responses = Object.fromEntries(
    Object.entries(e.responses).map(([status, [description, body]]) => {
      const content = typeof body === 'object' ? body.content : json(ref(body ?? 'Error'));
      return [status, { description, content }];
    }),
  );
  return {
    summary: e.summary,
    ...(params.length > 0 ? { parameters: params } : {}),
    ...(e.body ? { requestBody: { required: true, content: json(ref(e.body)) } } : {}),
    responses,
  };
}

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'meshwright console API',
    version: '0.1.0',
    description:
      'Endpoints the meshwright console uses beside the App Mesh 2019-01-25 REST API (served under /v20190125). ' +
      'Errors have the App Mesh shape: the type in header x-amzn-ErrorType and a JSON body with message.',
  },
  paths: Object.fromEntries(
    Object.entries(endpoints).map(([path, methods]) => [path, Object.fromEntries(Object.entries(methods).map(([m, e]) => [m, operation(e)]))]),
  ),
  components: { schemas },
};
