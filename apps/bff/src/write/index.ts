// The one write path: the App Mesh API's creates, updates and deletes, the console's bundle create and
// dry run, and (next) import. Every write is checked in this order, inside the write lock:
//   1. schema: the model's zod schemas (the validation middleware; validateBundle), before anything else;
//   2. clientToken replay (API writes that carry one);
//   3. existence and conflict: the mesh and a route's router must exist (NotFound); a created key must be
//      free (Conflict), an updated or deleted one must exist (NotFound); a bundle's taken mesh name is
//      the model's `mesh.exists` finding (Conflict);
//   4. the model's analysis of the mesh after the write, the written resources' own errors in the
//      order of finding-errors.ts: conflict, reference (NotFound), quota (LimitExceeded: mesh, per-mesh,
//      per-router, per-node, per-route and tag limits), spec and consistency (BadRequest);
//   5. no new error anywhere else in the mesh (the first one, named by its resource);
//      deletes instead: nothing may still reference the resource (ResourceInUse);
//   6. commit in one transaction (a key another server took meanwhile is a Conflict), then the change event.
export { writeResource, type WriteInput, type WriteMode } from './resource-write';
export { deleteResource } from './delete';
export { createMeshFromBundle, judgeBundle, type CreatedResource } from './mesh-write';
export { errorForFinding } from './finding-errors';
