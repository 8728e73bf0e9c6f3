import { useParams } from 'react-router';
import { seg } from '../../../lib/api-client';
import { DeploySection } from '../../deploy';
import { NodeTrafficSection } from '../../traffic';
import { ResourcePage, Facts } from './ResourcePage';

export function VirtualNodePage() {
  const { mesh = '', node = '' } = useParams();
  return (
    <ResourcePage id={{ mesh, kind: 'virtualNode' }} name={node} backTo={`/meshes/${seg(mesh)}/virtualNodes`}>
      {(data) => {
        const spec = data.spec;
        const sd = spec.serviceDiscovery;
        return (
          <>
          <section className="card" aria-labelledby="spec-title">
            <h3 id="spec-title">Spec</h3>
            <Facts
              rows={[
                { label: 'Service discovery', value: sd?.dns ? `DNS ${sd.dns.hostname}` : sd?.awsCloudMap ? `Cloud Map ${sd.awsCloudMap.namespaceName}/${sd.awsCloudMap.serviceName}` : 'None' },
                {
                  label: 'Listeners',
                  value: spec.listeners?.length
                    ? spec.listeners.map((l) => `${l.portMapping.protocol} ${l.portMapping.port}${l.healthCheck ? ` (health check ${l.healthCheck.protocol}${l.healthCheck.path ? ` ${l.healthCheck.path}` : ''})` : ''}`).join(', ')
                    : 'None',
                },
                { label: 'Backends', value: spec.backends?.map((b) => b.virtualService?.virtualServiceName).join(', ') || '—' },
                { label: 'Log path', value: spec.logging?.accessLog?.file?.path ?? '—' },
              ]}
            />
          </section>
          <NodeTrafficSection mesh={mesh} node={node} />
          <DeploySection mesh={mesh} kind="virtualNode" name={node} appPorts={spec.listeners?.map((l) => l.portMapping.port) ?? []} arn={data.metadata.arn} />
          </>
        );
      }}
    </ResourcePage>
  );
}
