// OpenAPI 3.1 description of the console endpoints under /api (the App Mesh API is described by AWS's model).

const json = (schema: object) => ({ 'application/json': { schema } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const error = (description: string) => ({ description, content: json(ref('Error')) });
const meshParam = { name: 'mesh', in: 'path', required: true, schema: { type: 'string' } };

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
          { name: 'node', in: 'path', required: true, schema: { type: 'string' } },
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
