import { Link } from 'react-router';
import { seg } from '../../../lib/api-client';
import type { CreatedResource } from '../api/bundles';
import { kindLabels } from '../lib/cli-input-files';

const envoyUrl = (mesh: string, node: string, mode: 'static' | 'ads') =>
  `/api/meshes/${seg(mesh)}/virtualNodes/${seg(node)}/envoy-config?mode=${mode}&format=yaml`;

/** After a create: what exists now, where to look at it, and how to run each node's Envoy. */
export function CreatedStatus({ meshName, created, onStartOver }: { meshName: string; created: CreatedResource[]; onStartOver: () => void }) {
  const nodes = created.filter((c) => c.kind === 'virtualNode').map((c) => c.name);
  return (
    <section className="card" aria-labelledby="created-title">
      <h2 id="created-title">Mesh {meshName} created</h2>
      <div className="alert success" role="status">
        <p>
          {created.length} resources created. Open <Link to={`/meshes/${seg(meshName)}`}>the mesh {meshName}</Link> or{' '}
          <Link to={`/meshes/${seg(meshName)}/topology`}>its topology</Link>.
        </p>
      </div>
      <table className="table">
        <caption className="visually-hidden">Created resources</caption>
        <thead>
          <tr>
            <th scope="col">Kind</th>
            <th scope="col">Name</th>
            <th scope="col">ARN</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {created.map((c) => (
            <tr key={c.arn}>
              <td>{kindLabels[c.kind] ?? c.kind}</td>
              <td>{c.name}</td>
              <td>
                <code className="arn">{c.arn}</code>
              </td>
              <td>
                <span className="badge ok">Created</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Run Envoy for each virtual node</h3>
      {nodes.map((node) => (
        <div className="envoy-run" key={node}>
          <h4>{node}</h4>
          <p>
            <a href={envoyUrl(meshName, node, 'static')} download>
              Download static bootstrap<span className="visually-hidden"> of {node}</span>
            </a>{' '}
            ·{' '}
            <a href={envoyUrl(meshName, node, 'ads')} download>
              Download ADS bootstrap<span className="visually-hidden"> of {node}</span>
            </a>
          </p>
          <pre className="code" tabIndex={0}>{`envoy -c ${meshName}-${node}-envoy-ads.yaml`}</pre>
        </div>
      ))}
      <button type="button" className="button secondary" onClick={onStartOver}>
        Start another mesh
      </button>
    </section>
  );
}
