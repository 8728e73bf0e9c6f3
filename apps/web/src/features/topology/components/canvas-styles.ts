// The graph's styles live inside the <svg> itself, so an exported SVG or PNG looks like the screen.
export const canvasStyles = `
.topo { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.topo-node rect.box { stroke: #5b6473; stroke-width: 1.2; }
.topo-node.kind-virtualGateway rect.box { fill: #fff4e0; stroke: #b35c00; }
.topo-node.kind-virtualService rect.box { fill: #e3efff; stroke: #2457c5; }
.topo-node.kind-virtualRouter rect.box { fill: #f1e8ff; stroke: #7040c0; }
.topo-node.kind-route rect.box { fill: #faf5ff; stroke: #9a7bd0; }
.topo-node.kind-virtualNode rect.box { fill: #e6f6ea; stroke: #25854a; }
.topo-node.missing rect.box { fill: #fff0f0; stroke: #c62828; stroke-width: 2.5; stroke-dasharray: 6 4; }
.topo-node.sev-error rect.box { stroke: #c62828; stroke-width: 2.5; }
.topo-node.sev-warning rect.box { stroke: #b26a00; stroke-width: 2.5; }
.topo-node .label { font-size: 14px; font-weight: 600; fill: #15191f; }
.topo-node .detail { font-size: 12px; fill: #4a5260; }
.topo-node.missing .detail { fill: #b71c1c; }
.topo-node .icon { font-size: 11px; font-weight: 700; fill: #fff; }
.topo-node .icon-bg { fill: #5b6473; }
.topo-node.kind-virtualGateway .icon-bg { fill: #b35c00; }
.topo-node.kind-virtualService .icon-bg { fill: #2457c5; }
.topo-node.kind-virtualRouter .icon-bg { fill: #7040c0; }
.topo-node.kind-route .icon-bg { fill: #9a7bd0; }
.topo-node.kind-virtualNode .icon-bg { fill: #25854a; }
.topo-node.missing .icon-bg { fill: #c62828; }
.topo-node .badge text { font-size: 10px; font-weight: 700; fill: #fff; }
.badge.sync-SYNCED rect { fill: #25854a; }
.badge.sync-STALE rect { fill: #b26a00; }
.badge.sync-NACKED rect { fill: #c62828; }
.badge.health-healthy rect { fill: #25854a; }
.badge.health-degraded rect { fill: #b26a00; }
.badge.health-unhealthy rect { fill: #c62828; }
.topo-node .problem { fill: #c62828; }
.topo-node.sev-warning .problem { fill: #b26a00; }
.topo-node .problem-mark { fill: #fff; font-size: 11px; font-weight: 800; }
.topo-node:focus { outline: none; }
.topo-node:focus-visible rect.box, .topo-node.selected rect.box { stroke: #111; stroke-width: 3; }
.topo-node.match rect.box { stroke: #e0a800; stroke-width: 3.5; }
.topo-edge path { fill: none; stroke: #8a93a3; stroke-width: 1.4; }
.topo-edge.kind-target path { stroke: #7040c0; }
.topo-edge.kind-gatewayRoute path { stroke: #b35c00; }
.topo-edge.kind-backend path { stroke: #6b7a8f; stroke-dasharray: 5 3; }
.topo-edge.broken path { stroke: #c62828; stroke-width: 2; stroke-dasharray: 4 3; }
.topo-edge .edge-label rect { fill: #fff; stroke: #7040c0; stroke-width: 1; }
.topo-edge .edge-label text { font-size: 12px; font-weight: 700; fill: #4a2a8a; }
.topo-edge.broken .edge-label rect { stroke: #c62828; }
.has-selection .topo-node:not(.near) { opacity: 0.3; }
.has-selection .topo-edge:not(.near) { opacity: 0.15; }
.topo-edge.near path { stroke-width: 2.4; }
.topo-edge.has-traffic path { stroke-dasharray: none; }
.topo-edge.err-ok path { stroke: #25854a; }
.topo-edge.err-warn path { stroke: #b26a00; }
.topo-edge.err-bad path { stroke: #c62828; }
.legend-text { font-size: 11px; fill: #4a5260; }
.zoomed-out .topo-node text.detail, .zoomed-out .topo-edge .edge-label, .zoomed-out .badge text { visibility: hidden; }
`;
