// Test support: one HTTP request over node:http, its answer as sent: status, header lines in order
// (the names matching `blank` with their value as *: date, request id, ...), and the body text.
import { request } from 'node:http';

export interface RawAnswer {
  status: number;
  headers: string[];
  body: string;
}

export function rawRequest(port: number, init: { method?: string; path: string; headers: Record<string, string | string[]>; body?: string; blank: RegExp }): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: init.method ?? 'GET', path: init.path, headers: init.headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => {
        const lines: string[] = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2) {
          const name = res.rawHeaders[i] ?? '';
          lines.push(init.blank.test(name) ? `${name}: *` : `${name}: ${res.rawHeaders[i + 1] ?? ''}`);
        }
        resolve({ status: res.statusCode ?? 0, headers: lines, body: text });
      });
    });
    req.on('error', reject);
    req.end(init.body);
  });
}
