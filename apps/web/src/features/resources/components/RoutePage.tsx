import { useParams } from 'react-router';
import { routeKindOf } from '@meshwright/model';
import { seg } from '../../../lib/api-client';
import { sharesOf } from '../../wizard/lib/weights';
import { MeasuredShare, TrafficSection } from '../../traffic';
import { ResourcePage, Facts } from './ResourcePage';

export function RoutePage() {
  const { mesh = '', router = '', route = '' } = useParams();
  return (
    <ResourcePage id={{ mesh, kind: 'route', router }} name={route} backTo={`/meshes/${seg(mesh)}/virtualRouters/${seg(router)}`}>
      {(data) => {
        const kind = routeKindOf(data.spec);
        const body = data.spec[kind];
        const targets = body?.action.weightedTargets ?? [];
        const shares = sharesOf(targets.map((t) => t.weight));
        const http = data.spec.httpRoute ?? data.spec.http2Route;
        return (
          <>
          <section className="card" aria-labelledby="spec-title">
            <h3 id="spec-title">Spec</h3>
            <Facts
              rows={[
                { label: 'Type', value: kind },
                { label: 'Priority', value: data.spec.priority ?? '—' },
                { label: 'Match', value: http ? `${http.match.method ?? 'any method'} ${http.match.prefix ?? http.match.path?.exact ?? ''}` : '—' },
              ]}
            />
            <table className="table">
              <caption>Targets</caption>
              <thead>
                <tr>
                  <th scope="col">Virtual node</th>
                  <th scope="col">Weight</th>
                  <th scope="col">Share</th>
                  <th scope="col">Traffic (5 min)</th>
                </tr>
              </thead>
              <tbody>
                {targets.map((t, i) => (
                  <tr key={`${t.virtualNode}-${i}`}>
                    <td>{t.virtualNode}</td>
                    <td>{t.weight}</td>
                    <td>
                      <span className="share">
                        <span className="share-value">{shares[i] ?? 0}%</span>
                        <span className="share-bar" aria-hidden="true">
                          <span className="share-fill" style={{ width: `${shares[i] ?? 0}%` }} />
                        </span>
                      </span>
                    </td>
                    <td><MeasuredShare mesh={mesh} route={`${router}/${route}`} node={t.virtualNode} configured={shares[i] ?? 0} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <TrafficSection mesh={mesh} subject={{ kind: 'route', router, name: route }} />
          </>
        );
      }}
    </ResourcePage>
  );
}
