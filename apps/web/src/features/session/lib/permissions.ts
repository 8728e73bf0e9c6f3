// What the signed-in key may do, from the session's role and meshes, so the console hides or
// disables controls that would only be refused. The server stays the authority: it refuses anyway.

export type Role = 'admin' | 'editor' | 'viewer';

export interface SessionKey {
  accessKeyId: string;
  name: string;
  role: Role;
  /** The meshes an editor may write and a scoped viewer may read; empty = every mesh (viewer, admin). */
  meshes: string[];
}

export interface Session {
  key: SessionKey;
  csrfToken: string;
}

export const isAdmin = (key: SessionKey | undefined): boolean => key?.role === 'admin';

/** Whether this key may create, change or delete resources in the mesh (or create a mesh of that name). */
export function canWriteMesh(key: SessionKey | undefined, mesh: string): boolean {
  if (!key) return false;
  if (key.role === 'admin') return true;
  return key.role === 'editor' && key.meshes.includes(mesh);
}

/** Whether this key may create any mesh at all (the wizard, an import). */
export function canCreateMeshes(key: SessionKey | undefined): boolean {
  if (!key) return false;
  return key.role === 'admin' || (key.role === 'editor' && key.meshes.length > 0);
}

/** The one line the header shows: who is signed in and with what role. */
export function describeKey(key: SessionKey): string {
  const scope = key.meshes.length > 0 ? ` of ${key.meshes.join(', ')}` : '';
  return `${key.name} (${key.role}${scope})`;
}
