// Structured logs: one JSON object per line on stdout (errors on stderr), for log shippers.
import type { Logger } from '../deps';

function line(level: string, message: string, fields?: Record<string, unknown>): string {
  return JSON.stringify({ time: new Date().toISOString(), level, msg: message, ...fields });
}

export const jsonLogger: Logger = {
  info: (m, f) => process.stdout.write(`${line('info', m, f)}\n`),
  warn: (m, f) => process.stdout.write(`${line('warn', m, f)}\n`),
  error: (m, f) => process.stderr.write(`${line('error', m, f)}\n`),
};
