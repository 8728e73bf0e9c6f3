// The topology feature: the mesh as a graph. The app mounts the page lazily at /meshes/:mesh/topology.
import { TopologyPage } from './components/TopologyPage';

export { TopologyPage };
export { TopologyView } from './components/TopologyView';
export { buildGraph } from './lib/build-graph';
export type { TopologyGraph, TopologyNode, TopologyEdge, SyncState } from './lib/graph-types';
export default TopologyPage;
