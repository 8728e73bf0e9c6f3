// Who may do what: admins everything; editors read and write their meshes; viewers only read (their
// meshes when scoped, else all). Pure: the adapters describe the request, this answers.
import type { Principal } from './access-keys';

export interface Access {
  /** The App Mesh operation (appmesh:CreateVirtualNode) or console action (console:CreateMeshFromBundle). */
  action: string;
  write: boolean;
  /** The mesh acted on; undefined for mesh-less actions (ListMeshes, the OpenAPI document). */
  mesh?: string | undefined;
  /** Key management and the audit trail. */
  adminOnly?: boolean;
}

const sees = (p: Principal, mesh: string) => p.meshes.length === 0 || p.meshes.includes(mesh);

/** Whether a key scoped to meshes may see this one (ListMeshes shows only these). */
export const canSeeMesh = (p: Principal, mesh: string): boolean => p.role === 'admin' || sees(p, mesh);

/** undefined when allowed, else the ForbiddenException message naming the action and the mesh. */
export function refusal(p: Principal, a: Access): string | undefined {
  if (p.role === 'admin') return undefined;
  // The messages are made only for a refusal: an allowed request allocates nothing here.
  if (a.adminOnly) return `${who(p, a)}: only admin keys may`;
  if (a.mesh !== undefined && !sees(p, a.mesh)) return `${who(p, a)}${on(a)}: the key is limited to mesh${p.meshes.length > 1 ? 'es' : ''} ${p.meshes.join(', ')}`;
  if (!a.write) return undefined;
  if (p.role === 'viewer') return `${who(p, a)}${on(a)}: viewer keys only read`;
  if (a.mesh === undefined) return `${who(p, a)}: editor keys change only the meshes they name`;
  return undefined;
}

const who = (p: Principal, a: Access) => `User ${p.accessKeyId} (${p.role} key "${p.name}") is not authorized to perform ${a.action}`;
const on = (a: Access) => (a.mesh === undefined ? '' : ` on mesh ${a.mesh}`);
