// OpenAPI 3.1 description of the console endpoints under /api (the App Mesh API is described by AWS's model).

const json = (schema: object) => ({ 'application/json': { schema } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const error = (description: string) => ({ description, content: json(ref('Error')) });
const meshParam = { name: 'mesh', in: 'path', required: true, schema: { type: 'string' } };
const nodeParam = { name: 'node', in: 'path', required: true, schema: { type: 'string' } };
const nullable = (type: string) => ({ type: [type, 'null'] });
const syncState = { type: 'string', enum: ['SYNCED', 'NOT_SENT', 'STALE', 'NACKED'] };

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'meshwright console API',
    version: '0.1.0',
    description:
      'Endpoints the meshwright console uses beside the App Mesh 2019-01-25 REST API (served under /v20190125). ' +
      'Errors have the App Mesh shape: the type in header x-amzn-ErrorType and a JSON body with message.',
  },
  paths: {
    '/api/bundles/validate': {
      post: {
        summary: 'Dry run: schema check, analysis and compiled Envoy bootstraps of a bundle',
        requestBody: { required: true, content: json(ref('Bundle')) },
        responses: {
          '200': { description: 'The verdict (schema problems are findings too)', content: json(ref('BundleValidation')) },
          '400': error('The body is not JSON'),
        },
      },
    },
    '/api/bundles': {
      post: {
        summary: 'Create a whole mesh from a bundle in one transaction (all or nothing)',
        requestBody: { required: true, content: json(ref('Bundle')) },
        responses: {
          '201': { description: 'Everything was created', content: json(ref('Created')) },
          '400': error('BadRequestException or LimitExceededException, naming the resource and field'),
          '404': error('NotFoundException: a reference to a resource that is not in the bundle'),
          '409': error('ConflictException: the mesh exists (field mesh.meshName)'),
        },
      },
    },
    '/api/meshes/{mesh}/bundle': {
      get: {
        summary: 'A stored mesh as a bundle, with its analysis findings',
        parameters: [meshParam],
        responses: {
          '200': {
            description: 'The mesh',
            content: json({ type: 'object', required: ['bundle', 'findings'], properties: { bundle: ref('Bundle'), findings: { type: 'array', items: ref('Finding') } } }),
          },
          '404': error('NotFoundException'),
        },
      },
    },
    '/api/meshes/{mesh}/analysis': {
      get: {
        summary: 'Analysis findings of a stored mesh',
        parameters: [meshParam],
        responses: {
          '200': { description: 'Findings', content: json({ type: 'object', required: ['findings'], properties: { findings: { type: 'array', items: ref('Finding') } } }) },
          '404': error('NotFoundException'),
        },
      },
    },
    '/api/meshes/{mesh}/virtualNodes/{node}/envoy-config': {
      get: {
        summary: "Download the Envoy bootstrap of a virtual node's proxy",
        parameters: [
          meshParam,
          nodeParam,
          { name: 'mode', in: 'query', schema: { type: 'string', enum: ['static', 'ads'], default: 'static' } },
          { name: 'format', in: 'query', schema: { type: 'string', enum: ['yaml', 'json'], default: 'yaml' } },
        ],
        responses: {
          '200': {
            description: 'Attachment <mesh>-<node>-envoy-<mode>.<format>; ads bootstraps point at this server\'s xDS address',
            content: { 'application/yaml': { schema: { type: 'string' } }, 'application/json': { schema: { type: 'object' } } },
          },
          '400': error('BadRequestException: bad mode or format'),
          '404': error('NotFoundException'),
        },
      },
    },
    '/api/meshes/{mesh}/virtualNodes/{node}/sync-status': {
      get: {
        summary: "xDS sync state of a virtual node's connected proxies",
        parameters: [meshParam, nodeParam],
        responses: {
          '200': { description: 'DISCONNECTED with no proxies when none is connected', content: json(ref('NodeSyncStatus')) },
          '404': error('NotFoundException: the mesh or the node does not exist'),
        },
      },
    },
    '/api/meshes/{mesh}/sync-status': {
      get: {
        summary: 'xDS sync state of every virtual node of a mesh that has or had a proxy, in one answer',
        parameters: [meshParam],
        responses: {
          '200': {
            description: 'Per node name, what the per-node endpoint answers; a node whose proxies all left is DISCONNECTED',
            content: json({
              type: 'object',
              required: ['meshName', 'nodes'],
              properties: { meshName: { type: 'string' }, nodes: { type: 'object', additionalProperties: ref('NodeSyncStatus') } },
            }),
          },
          '404': error('NotFoundException: the mesh does not exist'),
        },
      },
    },
    '/api/events': {
      get: {
        summary: 'Server-sent events: `change` after every write, `sync` when a node\'s sync state changes',
        responses: {
          '200': {
            description:
              'text/event-stream. `event: change` with data {meshName}; `event: sync` with data {meshName, virtualNodeName, status: NodeSyncStatus}. ' +
              'Comment lines keep the connection alive.',
            content: { 'text/event-stream': { schema: { type: 'string' } } },
          },
        },
      },
    },
    '/api/openapi.json': { get: { summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1', content: json({ type: 'object' }) } } } },
  },
  components: {
    schemas: {
      Error: {
        type: 'object',
        required: ['message'],
        properties: {
          message: { type: 'string' },
          resource: ref('ResourceId'),
          field: { type: 'string', description: 'JSON path in the request body' },
          findings: { type: 'array', items: ref('Finding') },
        },
      },
      ResourceId: {
        type: 'object',
        required: ['kind', 'name'],
        properties: { kind: { type: 'string', enum: ['mesh', 'virtualNode', 'virtualRouter', 'route', 'virtualService'] }, name: { type: 'string' } },
      },
      Finding: {
        type: 'object',
        required: ['code', 'severity', 'category', 'resource', 'path', 'message'],
        properties: {
          code: { type: 'string' },
          severity: { type: 'string', enum: ['error', 'warning'] },
          category: { type: 'string', enum: ['spec', 'reference', 'consistency', 'quota'] },
          resource: ref('ResourceId'),
          path: { type: 'string' },
          message: { type: 'string' },
        },
      },
      Bundle: {
        type: 'object',
        description: 'A whole mesh: the mesh and its children, each in `aws appmesh create-* --cli-input-json` shape',
        required: ['mesh'],
        properties: {
          mesh: { type: 'object' },
          virtualNodes: { type: 'array', items: { type: 'object' } },
          virtualRouters: { type: 'array', items: { type: 'object' } },
          routes: { type: 'array', items: { type: 'object' } },
          virtualServices: { type: 'array', items: { type: 'object' } },
        },
      },
      BundleValidation: {
        type: 'object',
        required: ['valid', 'findings', 'envoy'],
        properties: {
          valid: { type: 'boolean' },
          findings: { type: 'array', items: ref('Finding') },
          envoy: {
            type: 'object',
            description: 'Per virtual node; empty while there are errors',
            additionalProperties: { type: 'object', required: ['static', 'ads'], properties: { static: { type: 'string' }, ads: { type: 'string' } } },
          },
        },
      },
      NodeSyncStatus: {
        type: 'object',
        required: ['meshName', 'virtualNodeName', 'state', 'configError', 'proxies'],
        properties: {
          meshName: { type: 'string' },
          virtualNodeName: { type: 'string' },
          state: { type: 'string', enum: [...syncState.enum, 'DISCONNECTED'], description: 'The worst state over the connected proxies' },
          configError: { ...nullable('string'), description: 'Why the latest change could not become config for this node (the last good one stays)' },
          proxies: { type: 'array', items: ref('ProxyStatus') },
        },
      },
      ProxyStatus: {
        type: 'object',
        required: ['streamId', 'nodeId', 'protocol', 'address', 'connectedSince', 'state', 'types'],
        properties: {
          streamId: { type: 'string' },
          nodeId: { type: 'string' },
          protocol: { type: 'string', enum: ['sotw', 'delta'] },
          address: { type: 'string' },
          connectedSince: { type: 'string', format: 'date-time' },
          state: syncState,
          types: {
            type: 'object',
            required: ['clusters', 'listeners', 'routes'],
            properties: { clusters: ref('TypeStatus'), listeners: ref('TypeStatus'), routes: ref('TypeStatus') },
          },
        },
      },
      TypeStatus: {
        type: 'object',
        description: 'One xDS type of one proxy: what was sent, what Envoy ACKed, and its message when it NACKed',
        required: ['typeUrl', 'state', 'desiredVersion', 'lastSentVersion', 'lastSentAt', 'lastAckedVersion', 'lastAckedAt', 'nackMessage', 'nackedVersion', 'subscribedNames'],
        properties: {
          typeUrl: { type: 'string' },
          state: syncState,
          desiredVersion: nullable('string'),
          lastSentVersion: nullable('string'),
          lastSentAt: { ...nullable('string'), format: 'date-time' },
          lastAckedVersion: nullable('string'),
          lastAckedAt: { ...nullable('string'), format: 'date-time' },
          nackMessage: nullable('string'),
          nackedVersion: nullable('string'),
          subscribedNames: { type: 'array', items: { type: 'string' }, description: 'Empty means all (wildcard)' },
        },
      },
      Created: {
        type: 'object',
        required: ['created'],
        properties: {
          created: {
            type: 'array',
            items: { type: 'object', required: ['kind', 'name', 'arn'], properties: { kind: { type: 'string' }, name: { type: 'string' }, arn: { type: 'string' } } },
          },
        },
      },
    },
  },
} as const;
