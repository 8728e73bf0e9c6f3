import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';

/** Server-sent events from the BFF: a write anywhere refreshes the views of that mesh. */
export function useLiveUpdates(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const events = new EventSource('/api/events');
    const meshOf = (e: MessageEvent): string | undefined => {
      try {
        const data: unknown = JSON.parse(String(e.data));
        return typeof data === 'object' && data !== null && 'meshName' in data && typeof data.meshName === 'string' ? data.meshName : undefined;
      } catch {
        return undefined;
      }
    };
    events.addEventListener('change', (e) => {
      const mesh = meshOf(e);
      void queryClient.invalidateQueries({ queryKey: mesh ? ['meshes', mesh] : ['meshes'] });
      if (mesh) void queryClient.invalidateQueries({ queryKey: ['meshes'], exact: true });
    });
    events.addEventListener('sync', (e) => {
      const mesh = meshOf(e);
      void queryClient.invalidateQueries({ queryKey: mesh ? ['meshes', mesh, 'virtualNodes'] : ['meshes'] });
    });
    return () => events.close();
  }, [queryClient]);
}
