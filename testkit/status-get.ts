// Test support: one GET through a proxy's listener with a chosen Host, answering only the status
// (0 when the connection fails, so polls can wait for a listener that is not up yet).
import { request, type Agent } from 'node:http';

export function statusOf(port: number, path: string, host: string, agent: Agent): Promise<number> {
  return new Promise<number>((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { Host: host }, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    req.end();
  });
}
