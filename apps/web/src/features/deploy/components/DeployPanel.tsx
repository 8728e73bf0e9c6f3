// The Deploy tab of a node or gateway page: the files `meshwright deploy` writes, computed in the browser
// by the model's pure generators from the compiled bootstraps the server serves, with copy and download.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import {
  DEPLOY_TARGETS, deployFacts, exclusionsFromTags, gatewayFacts, generateDeployment, generateGatewayDeployment,
  type DeployOutput, type DeployTarget,
} from '@meshwright/model';
import { CopyButton } from '../../../components/CopyButton';
import { ErrorMessage, Loading } from '../../../components/states';
import { apiRequest, seg, toApiError } from '../../../lib/api-client';
import { downloadText } from '../../../lib/download';
import { ExclusionsForm } from './ExclusionsForm';

export interface DeploySubject {
  mesh: string;
  kind: 'virtualNode' | 'virtualGateway';
  name: string;
  /** A node's listener ports (its app ports) and ARN (its exclusion tags); unused for a gateway. */
  appPorts?: number[];
  arn?: string;
}

const TARGET_LABELS: Record<DeployTarget, string> = { kubernetes: 'Kubernetes', ecs: 'ECS', systemd: 'systemd', docker: 'Docker' };

async function fetchText(url: string): Promise<string> {
  const res = await fetch(url);
  if (!res.ok) throw await toApiError(res);
  return res.text();
}

const inputsKey = (s: DeploySubject) => ['deploy-inputs', s.mesh, s.kind, s.name, s.arn ?? ''] as const;

function useSubjectInputs(s: DeploySubject) {
  const base = `/api/meshes/${seg(s.mesh)}/${s.kind === 'virtualNode' ? 'virtualNodes' : 'virtualGateways'}/${seg(s.name)}/envoy-config`;
  return useQuery({
    queryKey: inputsKey(s),
    queryFn: async () => {
      const [staticText, adsYaml, tagged] = await Promise.all([
        fetchText(`${base}?mode=static&format=json`),
        fetchText(`${base}?mode=ads&format=yaml`),
        s.arn ? apiRequest<{ tags?: { key: string; value?: string }[] }>(`/v20190125/tags?resourceArn=${encodeURIComponent(s.arn)}`) : Promise.resolve({ tags: [] }),
      ]);
      return { staticBootstrap: JSON.parse(staticText) as unknown, adsYaml, tags: tagged.tags ?? [] };
    },
  });
}

function outputFor(s: DeploySubject, target: DeployTarget, inputs: { staticBootstrap: unknown; adsYaml: string; tags: { key: string; value?: string }[] }): { output: DeployOutput; errors: string[] } {
  if (s.kind === 'virtualGateway') {
    const facts = gatewayFacts({ meshName: s.mesh, gatewayName: s.name, staticBootstrap: inputs.staticBootstrap, bootstrapYaml: inputs.adsYaml });
    return { output: generateGatewayDeployment(target, facts), errors: [] };
  }
  const facts = deployFacts({ meshName: s.mesh, nodeName: s.name, appPorts: s.appPorts ?? [], staticBootstrap: inputs.staticBootstrap, bootstrapYaml: inputs.adsYaml });
  const { exclusions, errors } = exclusionsFromTags(inputs.tags);
  return { output: generateDeployment(target, facts, exclusions), errors };
}

export function DeployPanel(subject: DeploySubject) {
  const [target, setTarget] = useState<DeployTarget>('kubernetes');
  const inputs = useSubjectInputs(subject);
  if (inputs.isPending) return <Loading lines={4} />;
  if (inputs.isError) return <ErrorMessage error={inputs.error} />;
  const { output, errors } = outputFor(subject, target, inputs.data);
  return (
    <div>
      <div className="field">
        <label htmlFor="deploy-target">Target</label>
        <select id="deploy-target" value={target} onChange={(e) => setTarget(e.target.value as DeployTarget)}>
          {DEPLOY_TARGETS.map((t) => (
            <option key={t} value={t}>{TARGET_LABELS[t]}</option>
          ))}
        </select>
      </div>
      {subject.kind === 'virtualNode' && subject.arn ? <ExclusionsForm arn={subject.arn} tags={inputs.data.tags} queryKey={inputsKey(subject)} /> : null}
      <p className="note">
        The same files as <code>{`meshwright deploy --mesh ${subject.mesh} --${subject.kind === 'virtualNode' ? 'virtual-node' : 'virtual-gateway'} ${subject.name} --target ${target}`}</code>.
      </p>
      {errors.map((e) => <p key={e} role="alert" className="error">{e}</p>)}
      <ul className="note">
        {output.notes.map((n) => <li key={n}>{n}</li>)}
      </ul>
      {output.files.map((f) => {
        const file = f.path.split('/').pop() ?? f.path;
        return (
          <section key={f.path} aria-label={f.path} className="deploy-file">
            <div className="page-header">
              <h4>{f.path}</h4>
              <div className="button-row">
                <CopyButton text={f.content} label={`Copy ${f.path}`} />
                <button type="button" className="button secondary small" onClick={() => downloadText(file, f.content, 'text/plain')}>
                  Download {f.path}
                </button>
              </div>
            </div>
            <pre className="code" tabIndex={0} aria-label={`Contents of ${f.path}`}>{f.content}</pre>
          </section>
        );
      })}
    </div>
  );
}
