// The traffic collectors' state for one BFF replica: the stat window and the access-log rings.
import { AccessLogStore } from './access-log-store';
import { registerTrafficServices } from './grpc-services';
import { TrafficWindowStore, type WindowStoreOptions } from './window-store';

export interface Traffic {
  window: TrafficWindowStore;
  logs: AccessLogStore;
  /** Pass to startXdsServer as `registerServices`. */
  registerServices: ReturnType<typeof registerTrafficServices>;
}

export function createTraffic(options: WindowStoreOptions & { maxLogLinesPerProxy?: number } = {}): Traffic {
  const window = new TrafficWindowStore(options);
  const logs = new AccessLogStore(options.maxLogLinesPerProxy);
  return { window, logs, registerServices: registerTrafficServices(window, logs) };
}
