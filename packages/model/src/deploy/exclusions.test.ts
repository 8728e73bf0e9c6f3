import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exclusionTags, exclusionsFromTags, generateDeployment, type DeployFacts } from './index';

const facts: DeployFacts = {
  meshName: 'shop', nodeName: 'web', appPorts: [8080, 9100], adminPort: 9901, ingressPort: 15000, egressPort: 15001, tcpEgress: [], bootstrapYaml: '',
};

test('exclusion tags read into options; other tags are ignored; the console writes them back the same', () => {
  const tags = [
    { key: 'team', value: 'shop' },
    { key: 'meshwright.io/exclude-outbound-ports', value: '443, 5432' },
    { key: 'meshwright.io/exclude-inbound-ports', value: '9100' },
    { key: 'meshwright.io/exclude-outbound-cidrs', value: '10.0.0.0/8,169.254.169.254' },
    { key: 'meshwright.io/exclude-uids', value: '1400' },
    { key: 'meshwright.io/exclude-gids', value: '' },
  ];
  const { exclusions, errors } = exclusionsFromTags(tags);
  assert.deepEqual(errors, []);
  assert.deepEqual(exclusions, { excludePorts: [443, 5432], excludeInboundPorts: [9100], excludeIps: ['10.0.0.0/8', '169.254.169.254'], ignoreUids: [1400], ignoreGids: [] });
  const { ignoreGids: _empty, ...nonEmpty } = exclusions;
  assert.deepEqual(exclusionsFromTags(exclusionTags(exclusions)).exclusions, nonEmpty);
  assert.equal(exclusionTags(exclusions).some((t) => t.key === 'meshwright.io/exclude-gids'), false, 'an empty list drops its tag');
});

test('a bad tag value is an error naming the tag and the value', () => {
  const { errors } = exclusionsFromTags([{ key: 'meshwright.io/exclude-outbound-ports', value: '443,https' }, { key: 'meshwright.io/exclude-outbound-cidrs', value: 'ten' }]);
  assert.equal(errors.length, 2);
  assert.match(errors[0] ?? '', /^tag meshwright\.io\/exclude-outbound-ports .*: "443,https"$/);
  assert.match(errors[1] ?? '', /^tag meshwright\.io\/exclude-outbound-cidrs must be an IP address or CIDR: "ten"$/);
});

test('the exclusions reach the redirect script and ECS proxyConfiguration', () => {
  const opts = { excludeInboundPorts: [9100], ignoreUids: [1400], ignoreGids: [2000] };
  const script = generateDeployment('systemd', facts, opts).files.find((f) => f.path.endsWith('.sh'))?.content ?? '';
  assert.match(script, /MW_APP_PORTS="\$\{MW_APP_PORTS-8080\}"/, 'the inbound-excluded port is not redirected');
  assert.match(script, /MW_IGNORED_UIDS="\$\{MW_IGNORED_UIDS-1400\}"/);
  assert.match(script, /--gid-owner "\$g" -j RETURN/);
  const ecs = JSON.parse(generateDeployment('ecs', facts, opts).files[0]?.content ?? '{}') as { proxyConfiguration: { properties: { name: string; value: string }[] } };
  const props = Object.fromEntries(ecs.proxyConfiguration.properties.map((p) => [p.name, p.value]));
  assert.equal(props.AppPorts, '8080');
  assert.equal(props.IgnoredGID, '2000');
});
