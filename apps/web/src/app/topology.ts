import { lazy, type ComponentType } from 'react';

// The topology view is written by another team member in features/topology; its route and tab
// exist once that feature's entry does, so the console builds either way.
const entry = Object.values(import.meta.glob<{ TopologyPage: ComponentType }>('../features/topology/index.ts'))[0];

export const TopologyPage = entry ? lazy(() => entry().then((m) => ({ default: m.TopologyPage }))) : undefined;
export const hasTopology = TopologyPage !== undefined;
