// The replica's environment: malformed values are refused naming the variable, never half-read.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseXdsAddresses, readReplicaEnv } from './replica-env';

test('XDS_ADDRESSES lists every replica; a malformed entry is refused by name', () => {
  assert.deepEqual(parseXdsAddresses('10.0.0.1:18000, xds.mesh.internal:18001'), [{ host: '10.0.0.1', port: 18000 }, { host: 'xds.mesh.internal', port: 18001 }]);
  assert.deepEqual(parseXdsAddresses(undefined), []);
  assert.throws(() => parseXdsAddresses('10.0.0.1'), /XDS_ADDRESSES: "10.0.0.1" is not host:port/);
  assert.throws(() => parseXdsAddresses('a:1,b:70000'), /"b:70000"/);
});

test('DATABASE_SCHEMA, proxy ports and the sync timeout are checked', () => {
  assert.throws(() => readReplicaEnv({ DATABASE_SCHEMA: 'Bad-Name' }), /DATABASE_SCHEMA=Bad-Name/);
  assert.throws(() => readReplicaEnv({ PROXY_EGRESS_PORT: '0' }), /PROXY_EGRESS_PORT=0/);
  assert.throws(() => readReplicaEnv({ SYNC_STATUS_TIMEOUT_SECONDS: '-1' }), /SYNC_STATUS_TIMEOUT_SECONDS=-1/);
  const env = readReplicaEnv({ DATABASE_SCHEMA: 'prod', PROXY_EGRESS_PORT: '15001', REPLICA_ID: 'r1' });
  assert.equal(env.schema, 'prod');
  assert.deepEqual(env.compileOptions, { ports: { egress: 15001 } });
  assert.deepEqual(env.sync, { replicaId: 'r1' });
});
