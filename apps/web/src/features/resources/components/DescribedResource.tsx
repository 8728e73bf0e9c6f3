import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ErrorMessage, Loading } from '../../../components/states';
import { childQueryOptions, type ChildId, type ChildKind, type Described } from '../api/appmesh';

/**
 * Describes one resource for a page that needs it before it can show anything (an edit form's
 * defaults come from it): a placeholder of `lines` lines while it loads, the error if that fails,
 * then `children` with what was described.
 */
export function DescribedResource<K extends ChildKind>({ id, name, lines, children }: { id: ChildId & { kind: K }; name: string; lines: number; children: (described: Described<K>) => ReactNode }) {
  const query = useQuery(childQueryOptions(id, name));
  if (query.isPending) return <Loading lines={lines} />;
  if (query.isError) return <ErrorMessage error={query.error} />;
  return children(query.data);
}
