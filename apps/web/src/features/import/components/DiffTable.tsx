import { useQuery } from '@tanstack/react-query';
import { ErrorMessage, Loading } from '../../../components/states';
import { kindLabels } from '../../review/lib/cli-input-files';
import { serverBundleQueryOptions } from '../api/server-bundle';
import { diffBundles } from '../lib/diff';

const stateLabels = { added: 'Added', changed: 'Changed', unchanged: 'Unchanged', 'server-only': 'Only on the server' } as const;

/** The imported bundle against the mesh of the same name on the server, when there is one. */
export function DiffTable({ meshName, bundle }: { meshName: string; bundle: Record<string, unknown> }) {
  const server = useQuery(serverBundleQueryOptions(meshName));
  if (server.isPending) return <Loading label="Loading the server's mesh" />;
  if (server.isError) return <ErrorMessage error={server.error} title={`Could not load mesh ${meshName} from the server`} />;
  if (server.data === null) return <p role="status">The mesh {meshName} does not exist on the server yet: every resource will be created.</p>;
  const diff = diffBundles(bundle, server.data.bundle);
  return (
    <table className="table">
      <caption>Against mesh {meshName} on the server (it exists: creating will be refused; change the mesh name to import a copy)</caption>
      <thead>
        <tr>
          <th scope="col">Kind</th>
          <th scope="col">Name</th>
          <th scope="col">Change</th>
          <th scope="col">Paths that differ</th>
        </tr>
      </thead>
      <tbody>
        {diff.map((d) => (
          <tr key={`${d.kind}:${d.name}`}>
            <td>{kindLabels[d.kind] ?? d.kind}</td>
            <td>{d.name}</td>
            <td>{stateLabels[d.state]}</td>
            <td>
              {d.paths.map((p) => (
                <code key={p} className="path">
                  {p}
                </code>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
