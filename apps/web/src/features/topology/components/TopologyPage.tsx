import { meshModelFromBundle } from '@meshwright/model';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useNavigate, useParams } from 'react-router';
import { EmptyState, ErrorMessage, Loading } from '../../../components/states';
import { POLL_MS, useMeshBundle } from '../api/topology-api';
import { useLiveTopology } from '../api/use-live-topology';
import { buildGraph } from '../lib/build-graph';
import type { TopologyGraph } from '../lib/graph-types';
import { reuseUnchanged } from '../lib/stable-graph';
import { withTraffic } from '../lib/traffic-overlay';
import { useMeshTraffic } from '../../traffic';
import { TopologyView } from './TopologyView';
import { prewarmLayout } from './use-layout';

/** Route /meshes/:mesh/topology: the mesh as a live graph. */
export function TopologyPage() {
  const { mesh = '' } = useParams<{ mesh: string }>();
  const navigate = useNavigate();
  useEffect(() => {
    void prewarmLayout();
  }, []);
  const onOpen = useCallback((href: string) => void navigate(href), [navigate]);
  // The event stream decides whether to poll; it also carries the proxies' sync badges.
  const { live, sync } = useLiveTopology(mesh);
  const query = useMeshBundle(mesh, live);
  // Rates, error shares and health over the last 5 minutes, refreshed at Envoy's flush interval.
  const traffic = useMeshTraffic(mesh);
  const previous = useRef<TopologyGraph | undefined>(undefined);
  const graph = useMemo(() => {
    if (!query.data) return undefined;
    // Keep unchanged nodes identical, so a live update re-renders only what changed.
    previous.current = reuseUnchanged(previous.current, withTraffic(buildGraph(meshModelFromBundle(query.data.bundle), query.data.findings, sync), traffic.data));
    return previous.current;
  }, [query.data, sync, traffic.data]);

  return (
    <section className="topology-page" aria-labelledby="topology-heading">
      {/* The mesh layout above already names the mesh in the page's h1. */}
      <h2 id="topology-heading" className="visually-hidden">
        Topology
      </h2>
      {query.isPending ? <Loading label="Loading the mesh" /> : null}
      {query.isError ? <ErrorMessage error={query.error} title={`Could not load mesh ${mesh}`} /> : null}
      {graph?.nodes.length === 0 ? (
        <EmptyState title="Nothing to draw yet">
          <p>This mesh has no virtual services, virtual routers or virtual nodes.</p>
        </EmptyState>
      ) : null}
      {graph && graph.nodes.length > 0 ? <TopologyView graph={graph} onOpen={onOpen} status={live ? 'live' : `refreshing every ${POLL_MS / 1000} s`} /> : null}
    </section>
  );
}

