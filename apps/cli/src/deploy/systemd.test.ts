// The systemd units `meshwright deploy` writes for a node and a gateway pass systemd's own offline check
// (`systemd-analyze verify`: unknown keys, bad values, commands that are not executable), with Envoy's
// path set to the real binary, as a VM's would be.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { generateDeployment, generateGatewayDeployment, type DeployOutput } from '@meshwright/model';
import { edgeGateway } from '../../../../testkit/deploy-gateway-fixture';
import { findEnvoy } from '../../../../testkit/envoy';
import { productpage } from './fixture';

/** systemd-analyze's verdict on the units of `out`: its exit code and everything it said. */
function verify(out: DeployOutput): { status: number | null; said: string; units: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'mw-systemd-'));
  try {
    const units = out.files.filter((f) => f.path.endsWith('.service')).map((f) => {
      const path = join(dir, f.path.split('/').pop() ?? f.path);
      writeFileSync(path, f.content);
      return path;
    });
    const r = spawnSync('systemd-analyze', ['verify', '--man=no', ...units], { encoding: 'utf8' });
    if (r.error) throw new Error(`systemd-analyze is missing (apt-get install -y systemd): ${r.error.message}`);
    return { status: r.status, said: `${r.stdout}${r.stderr}`.trim(), units };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test("a node's Envoy and redirection units and a gateway's unit pass systemd-analyze verify without a warning", () => {
  const envoyPath = findEnvoy();
  const node = verify(generateDeployment('systemd', productpage().facts, { envoyPath }));
  assert.equal(node.units.length, 2);
  assert.deepEqual([node.status, node.said], [0, '']);
  const gateway = verify(generateGatewayDeployment('systemd', edgeGateway().facts, { envoyPath }));
  assert.equal(gateway.units.length, 1);
  assert.deepEqual([gateway.status, gateway.said], [0, '']);
});

test('the check can fail: an Envoy path that is not there is refused', () => {
  const r = verify(generateDeployment('systemd', productpage().facts, { envoyPath: '/nonexistent/envoy' }));
  assert.notEqual(r.status, 0);
  assert.match(r.said, /\/nonexistent\/envoy is not executable/);
});
