import type { PortProtocol, VirtualNodeSpec } from '@meshwright/model';
import { defaultHealthCheck, type HealthCheckValues, type NodeValues } from '../../wizard/lib/form-values';
import { nodeSpecFromValues } from '../../wizard/lib/to-bundle';

// Pure: the node edit page's values. The wizard makes one listener per node; a node made through the
// API can have several, so the edit form keeps the node's other fields and a list of listeners.

/** One listener's fields, as the wizard's node has them, plus where it came from. */
export interface ListenerValues {
  /** Index of this listener in the spec being edited, or -1 for one added in the form: what Save keeps of it. */
  source: number;
  port: number;
  protocol: PortProtocol;
  healthCheck: HealthCheckValues;
}

export type NodeFieldValues = Omit<NodeValues, 'port' | 'protocol' | 'healthCheck'>;

export interface NodeEditValues {
  node: NodeFieldValues;
  listeners: ListenerValues[];
}

/** A listener added in the form: the next port after the highest one, as the wizard numbers its nodes. */
export function newListener(existing: readonly { port: number }[]): ListenerValues {
  // Ports still being typed (empty, 70000) are skipped so the new listener starts valid.
  const ports = existing.map((l) => l.port).filter((p) => Number.isInteger(p) && p >= 1 && p < 65535);
  return { source: -1, port: ports.length > 0 ? Math.max(...ports) + 1 : 8080, protocol: 'http', healthCheck: defaultHealthCheck() };
}

/** The wizard's values of one node with this listener: what the wizard's checks and spec builder take. */
export function withListener(node: NodeFieldValues, listener: ListenerValues | undefined): NodeValues {
  const l = listener ?? newListener([]);
  return { ...node, port: l.port, protocol: l.protocol, healthCheck: l.healthCheck };
}

type Listener = NonNullable<VirtualNodeSpec['listeners']>[number];

function listenerValues(listener: Listener, source: number): ListenerValues {
  const hc = listener.healthCheck;
  const healthCheck = hc
    ? {
        ...defaultHealthCheck(),
        enabled: true,
        protocol: hc.protocol,
        port: hc.port ?? Number.NaN,
        path: hc.path ?? '',
        healthyThreshold: hc.healthyThreshold,
        unhealthyThreshold: hc.unhealthyThreshold,
        intervalMillis: hc.intervalMillis,
        timeoutMillis: hc.timeoutMillis,
      }
    : defaultHealthCheck();
  return { source, port: listener.portMapping.port, protocol: listener.portMapping.protocol, healthCheck };
}

export function nodeEditValuesFromSpec(name: string, spec: VirtualNodeSpec): NodeEditValues {
  const sd = spec.serviceDiscovery;
  const node: NodeFieldValues = {
    name,
    discovery: sd?.dns ? 'dns' : sd?.awsCloudMap ? 'cloudMap' : 'none',
    dnsHostname: sd?.dns?.hostname ?? '',
    cloudMapNamespace: sd?.awsCloudMap?.namespaceName ?? '',
    cloudMapService: sd?.awsCloudMap?.serviceName ?? '',
    backends: (spec.backends ?? []).flatMap((b) => (b.virtualService ? [{ name: b.virtualService.virtualServiceName }] : [])),
    logPath: spec.logging?.accessLog?.file?.path ?? '',
  };
  const listeners = (spec.listeners ?? []).map(listenerValues);
  // A node without listeners still gets one in the form, so choosing service discovery shows its fields, as in the wizard.
  return { node, listeners: listeners.length > 0 ? listeners : [newListener([])] };
}

/** The edited node spec: the form's parts replaced, the rest of the original (TLS, timeouts, ...) kept. */
export function mergeNodeSpec(original: VirtualNodeSpec, values: NodeEditValues): VirtualNodeSpec {
  const edited = nodeSpecFromValues(withListener(values.node, values.listeners[0]));
  const merged: VirtualNodeSpec = { ...original };
  delete merged.listeners;
  delete merged.serviceDiscovery;
  delete merged.backends;
  delete merged.logging;
  if (edited.listeners) {
    const listeners = values.listeners.flatMap((l) => {
      const fields = nodeSpecFromValues(withListener(values.node, l)).listeners?.[0];
      if (!fields) return [];
      const listener = { ...original.listeners?.[l.source], ...fields };
      if (!fields.healthCheck) delete listener.healthCheck;
      return [listener];
    });
    if (listeners.length > 0) merged.listeners = listeners;
  }
  if (edited.serviceDiscovery) {
    const sd = edited.serviceDiscovery;
    const before = original.serviceDiscovery;
    merged.serviceDiscovery = sd.dns ? { dns: { ...before?.dns, ...sd.dns } } : sd.awsCloudMap ? { awsCloudMap: { ...before?.awsCloudMap, ...sd.awsCloudMap } } : sd;
  }
  if (edited.backends) {
    merged.backends = edited.backends.map((b) => original.backends?.find((o) => o.virtualService?.virtualServiceName === b.virtualService?.virtualServiceName) ?? b);
  }
  if (edited.logging?.accessLog?.file) {
    merged.logging = { accessLog: { file: { ...original.logging?.accessLog?.file, path: edited.logging.accessLog.file.path } } };
  }
  return merged;
}
