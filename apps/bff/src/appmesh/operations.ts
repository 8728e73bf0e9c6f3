// Every supported App Mesh operation: its input schema (the model's, with URI members merged in) and
// handler. The HTTP binding of each comes from operations.generated.ts, i.e. from the API model.
import { z } from 'zod';
import {
  createInputSchemas,
  intInRange,
  resourceKinds,
  resourceName,
  stringOfLength,
  tagKeyListSchema,
  tagListSchema,
  type ResourceKind,
} from '@meshwright/model';
import { NotFoundError } from '../http/errors';
import { kinds, parentMember, type ResourceNames } from './kinds';
import type { operationBindings } from './operations.generated';
import { deleteResource, writeResource, type WriteInput } from '../write/index';
import { describeResource, listResources, type ListInput } from './resource-service';
import type { ServiceContext } from './service-context';
import { listTagsForResource, tagResource, untagResource } from './tag-service';

export type OperationName = keyof typeof operationBindings;

export interface OperationDef {
  name: OperationName;
  /** Validates the whole input: body members and the members bound to the URI and query string. */
  schema: z.ZodType;
  /** Receives input that `schema` accepted; returns the output shape (payload member included). */
  handle: (ctx: ServiceContext, input: unknown) => Promise<Record<string, unknown>>;
}

function op<S extends z.ZodType>(
  name: OperationName,
  schema: S,
  handle: (ctx: ServiceContext, input: z.output<S>) => Promise<Record<string, unknown>>,
): OperationDef {
  // The validation middleware parsed the input with this very schema.
  return {
    name,
    schema,
    handle: (ctx, input) => {
      requireOwnMesh(ctx, input);
      return handle(ctx, input as z.output<S>);
    },
  };
}

/** Every mesh here belongs to this server's account; a mesh shared from another account does not exist. */
function requireOwnMesh(ctx: ServiceContext, input: unknown): void {
  if (typeof input !== 'object' || input === null || !('meshOwner' in input) || input.meshOwner === undefined) return;
  if (input.meshOwner === ctx.config.accountId) return;
  const meshName = 'meshName' in input ? String(input.meshName) : '';
  throw new NotFoundError(`mesh ${meshName} owned by account ${String(input.meshOwner)} does not exist`);
}

const meshOwner = () => stringOfLength(12, 12).optional();
const arn = () => z.string({ error: 'must be a string' });

/** The members naming a nested kind's parent: virtualRouterName for a route, virtualGatewayName for a gateway route. */
function parentShape(kind: ResourceKind): Record<string, z.ZodType> {
  const parent = kinds[kind].parent;
  return parent ? { [parentMember[parent]]: resourceName() } : {};
}

/** The members that locate one resource: meshName, plus parent and own name where they apply. */
function identityShape(kind: ResourceKind): Record<string, z.ZodType> {
  const shape: Record<string, z.ZodType> = { meshName: resourceName(), meshOwner: meshOwner(), ...parentShape(kind) };
  if (kind !== 'mesh') shape[kinds[kind].nameMember] = resourceName();
  return shape;
}

function listSchema(kind: ResourceKind) {
  const shape: Record<string, z.ZodType> = {
    limit: intInRange(1, 100).optional(),
    nextToken: z.string({ error: 'must be a string' }).optional(),
  };
  if (kind !== 'mesh') Object.assign(shape, { meshName: resourceName(), meshOwner: meshOwner(), ...parentShape(kind) });
  return z.strictObject(shape);
}

function resourceOperations(kind: ResourceKind): OperationDef[] {
  const k = kinds[kind];
  const name = (verb: string) => `${verb}${k.opName}` as OperationName;
  const createSchema = createInputSchemas[kind] as unknown as z.ZodObject;
  // Update takes the create input minus tags (tags change through TagResource).
  const updateSchema = createSchema.omit({ tags: true });
  return [
    op(name('Create'), createSchema, (ctx, input) => writeResource(ctx, 'create', kind, input as WriteInput)),
    op(name('Update'), updateSchema, (ctx, input) => writeResource(ctx, 'update', kind, input as WriteInput)),
    op(name('Describe'), z.strictObject(identityShape(kind)), (ctx, input) => describeResource(ctx, kind, input as ResourceNames)),
    op(name('Delete'), z.strictObject(identityShape(kind)), (ctx, input) => deleteResource(ctx, kind, input as ResourceNames)),
    op(`List${k.listOpName}` as OperationName, listSchema(kind), (ctx, input) => listResources(ctx, kind, input as ListInput)),
  ];
}

const tagOperations: OperationDef[] = [
  op('TagResource', z.strictObject({ resourceArn: arn(), tags: tagListSchema }), tagResource),
  op('UntagResource', z.strictObject({ resourceArn: arn(), tagKeys: tagKeyListSchema }), untagResource),
  op(
    'ListTagsForResource',
    z.strictObject({ resourceArn: arn(), limit: intInRange(1, 50).optional(), nextToken: z.string({ error: 'must be a string' }).optional() }),
    listTagsForResource,
  ),
];

export const operationDefs: ReadonlyMap<OperationName, OperationDef> = new Map(
  [...resourceKinds.flatMap(resourceOperations), ...tagOperations].map((d) => [d.name, d]),
);
