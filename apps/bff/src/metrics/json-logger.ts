// Structured logs: one JSON object per line on stdout (errors on stderr), for log shippers.
// Lines to stdout are gathered and written once per turn of the event loop: a write to a pipe is a
// blocking system call, and one per request line cost the API a tenth of its time under load. The
// order of lines is kept; what is gathered is written before the process exits, also on a crash.
import type { Logger } from '../deps';

function line(level: string, message: string, fields?: Record<string, unknown>): string {
  return JSON.stringify({ time: new Date().toISOString(), level, msg: message, ...fields });
}

/** Writes whole lines to a stream, gathered per event-loop turn (or every 64 KiB). */
export function lineWriter(stream: { write(text: string): unknown }): { write(line: string): void; flush(): void } {
  let pending = '';
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (pending === '') return;
    const text = pending;
    pending = '';
    stream.write(text);
  };
  process.on('exit', flush);
  return {
    write(l) {
      pending += `${l}\n`;
      if (pending.length >= 64 * 1024) flush();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    flush,
  };
}

/** This process's stdout, line by line (request log, audit trail, info and warnings). */
export const stdoutLines = lineWriter(process.stdout);

export const jsonLogger: Logger = {
  info: (m, f) => stdoutLines.write(line('info', m, f)),
  warn: (m, f) => stdoutLines.write(line('warn', m, f)),
  error: (m, f) => process.stderr.write(`${line('error', m, f)}\n`),
};
