import type { Role } from '../../session/lib/permissions';

export interface NewKeyInput {
  name: string;
  role: Role;
  meshes?: string[];
}

/** "shop, payments\nsearch" -> ['shop', 'payments', 'search']: commas or new lines, blanks and repeats dropped. */
export function parseMeshList(text: string): string[] {
  return [...new Set(text.split(/[,\n]/).map((m) => m.trim()).filter((m) => m !== ''))];
}

/**
 * The create-key request, or the message to show at the field that stops it. Editors must name the
 * meshes they change; a viewer may be limited to some meshes (none listed: it reads every mesh); an
 * admin is never limited.
 */
export function newKeyRequest(name: string, role: Role, meshesText: string): { ok: true; input: NewKeyInput } | { ok: false; field: 'name' | 'meshes'; message: string } {
  const trimmed = name.trim();
  if (!trimmed) return { ok: false, field: 'name', message: 'Give the key a name, such as the person or job that uses it.' };
  const meshes = parseMeshList(meshesText);
  if (role === 'editor' && meshes.length === 0) return { ok: false, field: 'meshes', message: 'An editor writes only the meshes listed here: name at least one.' };
  return { ok: true, input: role === 'admin' || meshes.length === 0 ? { name: trimmed, role } : { name: trimmed, role, meshes } };
}
