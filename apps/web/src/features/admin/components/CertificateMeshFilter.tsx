import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { SelectOptions } from '../../../components/SelectOptions';
import { meshesQueryOptions } from '../../resources/api/appmesh';

/**
 * The mesh whose certificates are listed, applied as soon as it is chosen. The choices are the stored
 * meshes, plus the one in the URL when it is gone (its proxies' certificates outlive it).
 */
export function CertificateMeshFilter({ mesh, onChange }: { mesh: string | undefined; onChange: (mesh: string | undefined) => void }) {
  const id = useId();
  const meshes = useQuery(meshesQueryOptions());
  const names = meshes.data?.map((m) => m.name) ?? [];
  const options = [{ value: '', label: 'All meshes' }, ...[...new Set([...names, ...(mesh ? [mesh] : [])])].map((name) => ({ value: name, label: name }))];
  return (
    <div className="filters single">
      <div className="field">
        <label htmlFor={id}>Mesh</label>
        <select id={id} value={mesh ?? ''} onChange={(e) => onChange(e.target.value || undefined)}>
          <SelectOptions options={options} />
        </select>
      </div>
    </div>
  );
}
