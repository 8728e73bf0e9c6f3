import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { memberTable } from './member-names.generated';
import { memberTableFromApiModel, renderMemberTable } from './member-table';

const reference = new URL('../../../../../shared/reference/appmesh-api-2019-01-25.json', import.meta.url);
const generated = new URL('./member-names.generated.ts', import.meta.url);

test('member-names.generated.ts is what scripts/generate-member-names.ts writes from the API model', { skip: !existsSync(reference) && 'the API model is not beside the repo' }, () => {
  const table = memberTableFromApiModel(JSON.parse(readFileSync(reference, 'utf8')) as Parameters<typeof memberTableFromApiModel>[0]);
  assert.equal(readFileSync(generated, 'utf8'), renderMemberTable(table));
});

test("CloudFormation's spellings that differ by more than the first letter map to the API's members", () => {
  assert.deepEqual(memberTable.VirtualNodeConnectionPool?.http2, ['http2', 'VirtualNodeHttp2ConnectionPool', false]);
  assert.deepEqual(memberTable.ListenerTlsCertificate?.acm, ['acm', 'ListenerTlsAcmCertificate', false]);
  assert.deepEqual(memberTable.ServiceDiscovery?.awscloudmap, ['awsCloudMap', 'AwsCloudMapServiceDiscovery', false]);
  assert.deepEqual(memberTable.ListenerTlsAcmCertificate?.certificatearn, ['certificateArn', 'string', false]);
  assert.deepEqual(memberTable.RouteSpec?.grpcroute, ['grpcRoute', 'GrpcRoute', false]);
});
