// ADS impostors, against the control plane as it runs by default (TLS xDS, a client certificate per
// downloaded bootstrap): with no certificate, another node's certificate, a certificate of another CA,
// or a revoked one, a client gets no config and cannot change the node's sync status.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { X509Certificate } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { eventually } from '../../../../../testkit/eventually';
import { apiJson, apiRequest } from '../../../../../testkit/http';
import { AdsTestClient } from '../../../../../testkit/xds/ads-client';
import { createColorMesh, FRONT, MESH } from '../../../../../testkit/xds/color-mesh';
import { startControlPlane, type ControlPlane } from '../../../../../testkit/xds/control-plane';
import { channelCredentials, downloadedTls } from '../../../../../testkit/xds/tls';
import { TYPE_URL } from '../snapshot';
import type { NodeSyncStatus } from '../sync-status';
import { CertificateAuthority } from './certificate-authority';
import type { ProxyCredentials } from './xds-credentials';

const FRONT_ID = `mesh/${MESH}/virtualNode/${FRONT}`;

/** The xDS cluster's TLS as the downloaded ADS bootstrap of `node` carries it. */
const downloadTls = (cp: ControlPlane, node: string): Promise<ProxyCredentials> => downloadedTls(cp, MESH, `virtualNodes/${node}`);

describe('ADS over TLS: proxies prove which node they are', () => {
  let cp: ControlPlane;
  let front: ProxyCredentials;
  let legit: AdsTestClient;
  const clients: AdsTestClient[] = [];

  const address = () => `127.0.0.1:${cp.xds.port}`;
  const syncStatus = async (): Promise<NodeSyncStatus> => {
    const res = await apiRequest(cp, `/api/meshes/${MESH}/virtualNodes/${FRONT}/sync-status`);
    assert.equal(res.status, 200);
    return (await res.json()) as NodeSyncStatus;
  };
  const connect = (credentials: grpc.ChannelCredentials, nodeId = FRONT_ID) => {
    const c = new AdsTestClient(address(), nodeId, 'sotw', credentials);
    clients.push(c);
    return c;
  };
  /** What an impostor tries: subscribe, then NACK blindly (it has seen no nonce) to turn the badge red. */
  const attack = async (c: AdsTestClient) => {
    c.request({ type_url: TYPE_URL.clusters });
    c.request({ type_url: TYPE_URL.clusters, response_nonce: '1', version_info: '', error_detail: { code: 3, message: 'impostor NACK' } });
    return c.closed();
  };
  /** The node's status as the console shows it, without the timestamps that move on their own. */
  const badge = (s: NodeSyncStatus) => ({ state: s.state, proxies: s.proxies.map((p) => ({ id: p.streamId, state: p.state, nack: p.types.clusters.nackMessage })) });

  before(async () => {
    cp = await startControlPlane();
    await createColorMesh(cp.client, { blue: 1, green: 2 }, { blue: 100, green: 0 });
    front = await downloadTls(cp, FRONT);
    // The real front proxy: connected, ACKing, SYNCED. Impostors must not change that.
    legit = connect(channelCredentials(front));
    legit.onResponse = (r) => {
      legit.responses.length = 0;
      legit.ack(r);
    };
    legit.request({ type_url: TYPE_URL.clusters });
    await eventually('front SYNCED', syncStatus, (s) => s.state === 'SYNCED' && s.proxies.length === 1);
  });
  after(async () => {
    for (const c of clients) c.close();
    await cp?.close();
  });

  it('hands out the bootstrap with a client certificate naming the node, recorded by serial', async () => {
    const cert = new X509Certificate(front.certPem);
    assert.equal(cert.subjectAltName, `URI:spiffe://meshwright/${FRONT_ID}`);
    assert.ok(cert.verify(new X509Certificate(front.caPem).publicKey), 'signed by the CA the bootstrap trusts');
    const res = await apiRequest(cp, `/api/proxy-certificates?mesh=${MESH}`);
    const { certificates } = (await res.json()) as { certificates: { serial: string; proxyId: string; revokedAt: string | null }[] };
    const record = certificates.find((c) => c.serial === front.serial);
    assert.equal(record?.proxyId, FRONT_ID);
    assert.equal(record?.revokedAt, null);
  });

  it('refuses a client without a certificate at the TLS handshake', async () => {
    const before = badge(await syncStatus());
    const status = await attack(connect(channelCredentials({ caPem: front.caPem })));
    assert.equal(status.code, grpc.status.UNAVAILABLE, status.details);
    assert.deepEqual(badge(await syncStatus()), before);
  });

  it('refuses another node\'s certificate with PERMISSION_DENIED, before any config is sent', async () => {
    const blue = await downloadTls(cp, 'blue');
    const before = badge(await syncStatus());
    const impostor = connect(channelCredentials(blue));
    const status = await attack(impostor);
    assert.equal(status.code, grpc.status.PERMISSION_DENIED);
    assert.match(status.details, new RegExp(`certificate is for mesh/${MESH}/virtualNode/blue; it may not stream as node "${FRONT_ID}"`));
    assert.equal(impostor.responses.length, 0, 'no config was sent');
    assert.deepEqual(badge(await syncStatus()), before);
  });

  it('refuses a certificate for the right node from another CA at the TLS handshake', async () => {
    const otherCa = await CertificateAuthority.generate(new Date());
    const now = Date.now();
    const forged = await otherCa.issue({ commonName: FRONT_ID, usage: 'client', uris: [`spiffe://meshwright/${FRONT_ID}`], notBefore: new Date(now - 60_000), notAfter: new Date(now + 3_600_000) });
    const before = badge(await syncStatus());
    const status = await attack(connect(channelCredentials({ caPem: front.caPem, certPem: forged.certPem, keyPem: forged.keyPem })));
    assert.equal(status.code, grpc.status.UNAVAILABLE, status.details);
    assert.deepEqual(badge(await syncStatus()), before);
  });

  it('refuses a revoked certificate, and ends the open streams of a certificate when it is revoked', async () => {
    const second = await downloadTls(cp, FRONT);
    const open = connect(channelCredentials(second));
    open.request({ type_url: TYPE_URL.clusters });
    await open.next(); // admitted and served while valid
    const revoke = await apiJson(cp, 'POST', `/api/proxy-certificates/${second.serial}/revoke`);
    assert.equal(revoke.status, 200);
    assert.notEqual(((await revoke.json()) as { revokedAt: string | null }).revokedAt, null);
    const ended = await open.closed();
    assert.equal(ended.code, grpc.status.PERMISSION_DENIED);
    assert.match(ended.details, /revoked/);
    await eventually('the revoked stream left the node', syncStatus, (s) => s.proxies.length === 1);

    const before = badge(await syncStatus());
    const again = connect(channelCredentials(second));
    const status = await attack(again);
    assert.equal(status.code, grpc.status.PERMISSION_DENIED);
    assert.match(status.details, new RegExp(`client certificate ${second.serial} of ${FRONT_ID} was revoked at `));
    assert.equal(again.responses.length, 0);
    assert.deepEqual(badge(await syncStatus()), before);
    assert.equal((await syncStatus()).state, 'SYNCED', 'the real proxy is still SYNCED');
  });

  it('answers 404 for revoking a serial it never issued and 400 for one that is not hex', async () => {
    assert.equal((await apiJson(cp, 'POST', '/api/proxy-certificates/ABCDEF/revoke')).status, 404);
    assert.equal((await apiJson(cp, 'POST', '/api/proxy-certificates/not-hex/revoke')).status, 400);
  });
});

describe('ADS with XDS_INSECURE=1', () => {
  let cp: ControlPlane;
  before(async () => {
    cp = await startControlPlane({ insecure: true });
    await createColorMesh(cp.client, { blue: 1, green: 2 }, { blue: 100, green: 0 });
  });
  after(async () => cp?.close());

  it('serves plaintext without identity, and the downloaded bootstrap has no TLS on its xDS cluster', async () => {
    const res = await apiRequest(cp, `/api/meshes/${MESH}/virtualNodes/${FRONT}/envoy-config?mode=ads&format=json`);
    const bootstrap = (await res.json()) as { static_resources: { clusters: { name: string; transport_socket?: unknown }[] } };
    assert.equal(bootstrap.static_resources.clusters.find((c) => c.name === 'xds_cluster')?.transport_socket, undefined);
    const c = new AdsTestClient(`127.0.0.1:${cp.xds.port}`, FRONT_ID, 'sotw', grpc.credentials.createInsecure());
    try {
      c.request({ type_url: TYPE_URL.clusters });
      const first = await c.next();
      assert.equal(first.type_url, TYPE_URL.clusters);
    } finally {
      c.close();
    }
    assert.equal(cp.xds.transport, 'insecure');
  });
});
