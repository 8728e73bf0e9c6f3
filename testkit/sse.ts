// Server-sent events read the way a browser's EventSource reads them: blocks split on a blank line,
// `event:` and `data:` (JSON) per block. Collects in the background until the response ends or aborts.

export interface SseEvent<T = unknown> {
  event: string;
  data: T;
}

/** Every event of `res` (an open text/event-stream response), pushed into the returned array as it arrives. */
export function collectSse<T = unknown>(res: Response): SseEvent<T>[] {
  const received: SseEvent<T>[] = [];
  const body = res.body;
  if (!body) throw new Error('no event stream body');
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of body) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        for (let i = buffer.indexOf('\n\n'); i >= 0; i = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, i);
          buffer = buffer.slice(i + 2);
          // Without `event:` the type is "message", as EventSource has it.
          const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (data) received.push({ event, data: JSON.parse(data) as T });
        }
      }
    } catch {
      // aborted by the caller
    }
  })();
  return received;
}
