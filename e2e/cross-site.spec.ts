// A hostile page in a real browser: a site on another origin tries a form post, a no-cors fetch and
// a beacon at the console's API, and a rebound name (evil.example -> 127.0.0.1) tries to read it.
import { createServer, type Server } from 'node:http';
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

test("another site's form post, no-cors fetch and beacon create nothing", async ({ page, api, baseURL }) => {
  const mesh = uniqueName('csrf');
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
