import { canvasStyles } from './canvas-styles';

const kinds = [
  ['virtualGateway', 'VG', 'Virtual gateway (entry point)'],
  ['virtualService', 'VS', 'Virtual service'],
  ['virtualRouter', 'VR', 'Virtual router'],
  ['route', 'R', 'Route'],
  ['virtualNode', 'VN', 'Virtual node'],
] as const;

/** What the shapes, colours, lines and badges mean; drawn with the canvas's own styles. */
export function Legend() {
  return (
    <section className="topo-legend" aria-label="Legend">
      <h2>Legend</h2>
      <svg className="topo" width="250" height="292" role="img" aria-label="Legend of node kinds, problems, sync states and edges">
        <style>{canvasStyles}</style>
        {kinds.map(([kind, icon, label], i) => (
          <g key={kind} className={`topo-node kind-${kind}`} transform={`translate(0,${i * 24})`}>
            <rect className="box" x={1} y={1} width={24} height={22} rx={5} />
            <circle className="icon-bg" cx={13} cy={12} r={9} />
            <text className="icon" x={13} y={15} textAnchor="middle">{icon}</text>
            <text className="detail" x={34} y={16}>{label}</text>
          </g>
        ))}
        <g className="topo-node kind-virtualNode missing" transform="translate(0,122)">
          <rect className="box" x={1} y={1} width={24} height={22} rx={5} />
          <text className="detail" x={34} y={16}>Missing (dangling reference)</text>
        </g>
        <g className="topo-node kind-virtualNode sev-error" transform="translate(0,148)">
          <rect className="box" x={1} y={1} width={24} height={22} rx={5} />
          <text className="detail" x={34} y={16}>Error / warning (outline)</text>
        </g>
        {(['SYNCED', 'STALE', 'NACKED'] as const).map((state, i) => (
          <g key={state} className={`badge sync-${state}`} transform={`translate(${i * 62},178)`}>
            <rect width={56} height={15} rx={7} />
            <text x={28} y={11} textAnchor="middle" style={{ fontSize: 9, fontWeight: 700, fill: '#fff' }}>{state}</text>
          </g>
        ))}
        <g className="topo-edge kind-provider" transform="translate(0,206)">
          <path d="M2,6 L40,6" />
          <text className="legend-text" x={48} y={10}>provider / route</text>
        </g>
        <g className="topo-edge kind-gatewayRoute" transform="translate(0,224)">
          <path d="M2,6 L40,6" />
          <text className="legend-text" x={48} y={10}>gateway route, name and match</text>
        </g>
        <g className="topo-edge kind-target" transform="translate(0,242)">
          <path d="M2,6 L40,6" />
          <text className="legend-text" x={48} y={10}>route target, share in %</text>
        </g>
        <g className="topo-edge kind-backend" transform="translate(0,260)">
          <path d="M2,6 L40,6" />
          <text className="legend-text" x={48} y={10}>backend call</text>
        </g>
        <g className="topo-edge broken" transform="translate(0,278)">
          <path d="M2,6 L40,6" />
          <text className="legend-text" x={48} y={10}>broken reference</text>
        </g>
      </svg>
    </section>
  );
}
