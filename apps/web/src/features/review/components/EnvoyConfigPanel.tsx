import { lazy, Suspense, useState } from 'react';
import { CopyButton } from '../../../components/CopyButton';
import { Loading } from '../../../components/states';
import { downloadText } from '../../../lib/download';
import type { EnvoyConfigs } from '../api/bundles';

const YamlViewer = lazy(() => import('./YamlViewer').then((m) => ({ default: m.YamlViewer })));

/** The compiled Envoy bootstrap of each virtual node, static or ADS, as YAML. */
export function EnvoyConfigPanel({ meshName, envoy }: { meshName: string; envoy: Record<string, EnvoyConfigs> }) {
  const nodes = Object.keys(envoy);
  const [node, setNode] = useState(nodes[0] ?? '');
  const [mode, setMode] = useState<'static' | 'ads'>('static');
  const current = nodes.includes(node) ? node : (nodes[0] ?? '');
  const configs = envoy[current];
  if (!configs) return <p className="note">Fix the dry-run errors to see the Envoy configuration of each virtual node.</p>;
  const text = configs[mode];
  const filename = `${meshName}-${current}-envoy-${mode}.yaml`;
  return (
    <div>
      <div className="field-row">
        <div className="field">
          <label htmlFor="envoy-node">Virtual node</label>
          <select id="envoy-node" value={current} onChange={(e) => setNode(e.target.value)}>
            {nodes.map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        </div>
        <fieldset className="segmented">
          <legend>Bootstrap</legend>
          <label>
            <input type="radio" name="envoy-mode" checked={mode === 'static'} onChange={() => setMode('static')} /> Static
          </label>
          <label>
            <input type="radio" name="envoy-mode" checked={mode === 'ads'} onChange={() => setMode('ads')} /> ADS
          </label>
        </fieldset>
        <div className="button-row align-end">
          <CopyButton text={text} label={`Copy Envoy config of ${current}`} />
          <button type="button" className="button secondary small" onClick={() => downloadText(filename, text, 'application/yaml')}>
            Download {filename}
          </button>
        </div>
      </div>
      <Suspense fallback={<Loading label="Loading the YAML viewer" lines={8} />}>
        <YamlViewer text={text} label={`Envoy ${mode} bootstrap of ${current}`} />
      </Suspense>
    </div>
  );
}
