// The processes of the redirection proof, started inside network namespaces by redirect-netns.test.ts.
// Plain Node, no meshwright code: the app knows nothing of Envoy, it calls its backends by name.
//   backends IP_V1 IP_V2 IP_DIRECT IP_DB   HTTP servers answering v1, v2 and direct on :9080; TCP on :6379
//   app PORT[,PORT...]                      the application: /fanout?n=N calls reviews, /tcp calls the TCP backend,
//                                           /whoami answers the caller's address (127.0.0.1 when Envoy's ingress forwarded it)
//   slow HOST PORT DELAY_MS SEND            one TCP connection that sends SEND only after DELAY_MS (a client slower than protocol detection)
//   get URL                                 prints the body of one GET (the test's client inside a namespace)
//   outside IP                              TCP servers outside the mesh: echo on :4443, a server-first greeter on :2525
//   tcp HOST PORT [SEND [IDLE_MS]]          one TCP connection: sends SEND (hex:... for bytes; - for nothing), prints the reply or
//                                           error:CODE; error:TIMEOUT after IDLE_MS (10000) without traffic
import http from 'node:http';
import net from 'node:net';

const [role, ...args] = process.argv.slice(2);

function getBody(url) {
  return new Promise((resolve, reject) => {
    // agent:false: a new connection per request, so each one is redirected and balanced on its own.
    http.get(url, { agent: false, timeout: 15000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve(body));
    }).on('error', reject).on('timeout', function () { this.destroy(new Error('timeout')); });
  });
}

if (role === 'backends') {
  const [v1, v2, direct, db] = args;
  for (const [ip, name] of [[v1, 'v1'], [v2, 'v2'], [direct, 'direct']]) http.createServer((_, res) => res.end(name)).listen(9080, ip);
  net.createServer((s) => s.on('data', (d) => s.end(`db:${d}`))).listen(6379, db);
} else if (role === 'app') {
  const server = (port) => http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://app');
    if (url.pathname === '/fanout') {
      const counts = {};
      for (let i = 0; i < Number(url.searchParams.get('n') ?? 1); i++) {
        const body = await getBody('http://reviews.shop.local:9080/').catch((e) => `error:${e.code ?? e.message}`);
        counts[body] = (counts[body] ?? 0) + 1;
      }
      res.end(JSON.stringify(counts));
    } else if (url.pathname === '/tcp') {
      const s = net.connect(6379, 'ratings-db.shop.local', () => s.write('ping'));
      let reply = '';
      s.on('data', (d) => (reply += d)).on('end', () => res.end(reply)).on('error', (e) => res.end(`error:${e.code}`));
    } else if (url.pathname === '/whoami') res.end(req.socket.remoteAddress);
    else res.end('app');
  }).listen(Number(port), '0.0.0.0');
  for (const port of args[0].split(',')) server(port);
} else if (role === 'outside') {
  net.createServer((s) => s.on('data', (d) => s.end(`outside:${d}`))).listen(4443, args[0]);
  net.createServer((s) => s.end('220 greeter\r\n')).listen(2525, args[0]);
} else if (role === 'tcp') {
  const [host, port, send, idle] = args;
  let reply = '';
  const s = net.connect(Number(port), host, () => { if (send && send !== '-') s.write(send.startsWith('hex:') ? Buffer.from(send.slice(4), 'hex') : send); });
  s.setTimeout(Number(idle ?? 10000), () => s.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
  s.on('data', (d) => (reply += d)).on('close', () => process.stdout.write(reply || 'error:CLOSED')).on('error', (e) => { reply = `error:${e.code}`; });
} else if (role === 'slow') {
  const [host, port, delay, send] = args;
  let reply = '';
  const s = net.connect(Number(port), host, () => setTimeout(() => s.write(send), Number(delay)));
  s.setTimeout(10000, () => s.destroy());
  s.on('data', (d) => (reply += d)).on('close', () => process.stdout.write(reply || 'error:CLOSED')).on('error', (e) => { reply = `error:${e.code}`; });
} else if (role === 'get') {
  getBody(args[0]).then((b) => process.stdout.write(b), (e) => { process.stderr.write(String(e)); process.exit(1); });
} else {
  process.stderr.write(`unknown role ${role}\n`);
  process.exit(2);
}
