// A hostile page in a real browser: a site on another origin tries a form post, a no-cors fetch and
// a beacon at the console's API while the browser holds a signed-in session cookie, and a rebound name
// (evil.example -> 127.0.0.1) tries to read it.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, uniqueName } from './support/fixtures';

test.use({
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    // evil.example resolves to this machine, as it would after a DNS rebinding.
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--host-resolver-rules=MAP evil.example 127.0.0.1'],
  },
});

function evilSite(html: string): Promise<Server> {
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(html));
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

test("another site's form post, no-cors fetch and beacon create nothing, even with a session cookie in the browser", async ({ page, context, api, baseURL }) => {
  const mesh = uniqueName('csrf');
  // The fixtures signed this browser in: the cookie is there for the server's own origin.
  expect((await context.cookies(baseURL)).map((c) => c.name)).toContain('meshwright_session');
  const answers: number[] = [];
  page.on('response', (r) => {
    if (r.url().startsWith(`${baseURL}/api/`)) answers.push(r.status());
  });
  const target = `${baseURL}/api/bundles`;
  const json = (name: string) => JSON.stringify({ mesh: { meshName: name }, virtualNodes: [], virtualRouters: [], routes: [], virtualServices: [] });
  // A text/plain form sends `name=value`: the classic trick to smuggle JSON through a form.
  const formJson = json(`${mesh}-form`);
  const html = `<!doctype html><title>Win a prize</title>
    <form id="f" method="POST" enctype="text/plain" action="${target}"><input name='${formJson.slice(0, -1)},"x":"' value='"}'></form>
    <script>
      window.attack = async () => {
        await fetch(${JSON.stringify(target)}, { method: 'POST', mode: 'no-cors', body: ${JSON.stringify(json(`${mesh}-nocors`))} });
        navigator.sendBeacon(${JSON.stringify(target)}, new Blob([${JSON.stringify(json(`${mesh}-beacon`))}], { type: 'text/plain' }));
        return 'sent';
      };
    </script>`;
  const site = await evilSite(html);
  try {
    const { port } = site.address() as AddressInfo;
    await page.goto(`http://evil.example:${port}/`);
    expect(await page.evaluate(() => (window as unknown as { attack: () => Promise<string> }).attack())).toBe('sent');
    const formAnswer = page.waitForResponse((r) => r.url() === target);
    await page.locator('#f').evaluate((f: HTMLFormElement) => f.submit());
    expect((await formAnswer).status()).toBe(403); // its Origin is evil.example's: refused before the body is read
    await page.waitForTimeout(500); // the beacon is sent in the background
    // Whatever the browser saw answered was a refusal (SameSite=Strict kept the cookie home; no CSRF token).
    expect(answers.filter((s) => s < 400)).toEqual([]);
    const meshes = (await api.get('/meshes')).json.meshes as { meshName: string }[];
    expect(meshes.map((m) => m.meshName).filter((n) => n.startsWith(mesh))).toEqual([]);
  } finally {
    site.close();
  }
});

test('a page on a rebound name cannot load or read the console', async ({ page, baseURL }) => {
  const { port } = new URL(baseURL ?? '');
  const res = await page.goto(`http://evil.example:${port}/api/meshes`);
  expect(res?.status()).toBe(421);
  await expect(page.getByText('is not a name this server answers for')).toBeVisible();
  const home = await page.goto(`http://evil.example:${port}/`);
  expect(home?.status()).toBe(421);
});

test('a request naming a foreign Host is refused even with a valid session cookie and CSRF token', async ({ api, baseURL }) => {
  const cookie = await api.sessionCookie();
  const session = await fetch(`${baseURL}/api/session`, { headers: { cookie: `meshwright_session=${cookie}` } });
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  const { port } = new URL(baseURL ?? '');
  const body = JSON.stringify({ mesh: { meshName: uniqueName('rebound') }, virtualNodes: [], virtualRouters: [], routes: [], virtualServices: [] });
  // What a browser sends after evil.example was rebound to this machine (if it had the cookie at all).
  const status = await new Promise<number>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method: 'POST', path: '/api/bundles', headers: { host: `evil.example:${port}`, origin: `http://evil.example:${port}`, cookie: `meshwright_session=${cookie}`, 'x-csrf-token': csrfToken, 'content-type': 'application/json' } },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
  expect(status).toBe(421);
});
