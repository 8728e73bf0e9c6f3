import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importCloudFormation } from './import-cloudformation';

// One node whose hostname and tags exercise each intrinsic function in its short form.
const template = `
Parameters:
  Hosts: {Type: CommaDelimitedList, Default: "a.local,b.local,c.local"}
  Env: {Type: String, Default: prod}
Mappings:
  Ports: {prod: {Http: 8080}}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  NotDev: !Not [!Equals [!Ref Env, dev]]
  Both: !And [!Condition IsProd, !Condition NotDev]
  Either: !Or [!Equals [!Ref Env, dev], !Condition Both]
Resources:
  Mesh: {Type: AWS::AppMesh::Mesh, Properties: {MeshName: !Sub '\${AWS::StackName}-mesh'}}
  Node:
    Type: AWS::AppMesh::VirtualNode
    Condition: Either
    Properties:
      MeshName: !GetAtt Mesh.MeshName
      VirtualNodeName: !Join ['-', [node, !Ref Env, !Ref 'AWS::Region']]
      Spec:
        Listeners:
          - PortMapping: {Port: !FindInMap [Ports, !Ref Env, Http], Protocol: http}
        ServiceDiscovery:
          DNS: {Hostname: !Select [1, !Ref Hosts]}
      Tags:
        - {Key: split, Value: !Select [0, !Split ['.', !Select [2, !Ref Hosts]]]}
        - {Key: encoded, Value: !Base64 'mesh ✓'}
        - {Key: literal, Value: !Sub 'cost-\${!NotAVariable}'}
        - {Key: account, Value: !Sub ['\${Acct}@\${AWS::Partition}', {Acct: !Ref 'AWS::AccountId'}]}
        - {Key: owner, Value: !GetAtt Mesh.MeshOwner}
        - {Key: azs, Value: !Select [0, !GetAZs '']}
`;

test('short-form intrinsics evaluate as CloudFormation does; GetAZs is reported unresolved', () => {
  const r = importCloudFormation([{ source: 't.yaml', text: template }], { pseudoParameters: { 'AWS::StackName': 'shop', 'AWS::Region': 'eu-west-1', 'AWS::AccountId': '111122223333' } });
  assert.deepEqual(r.bundle.mesh, { meshName: 'shop-mesh' });
  assert.deepEqual(r.bundle.virtualNodes, [
    {
      virtualNodeName: 'node-prod-eu-west-1',
      spec: { listeners: [{ portMapping: { port: 8080, protocol: 'http' } }], serviceDiscovery: { dns: { hostname: 'b.local' } } },
      tags: [
        { key: 'split', value: 'c' },
        { key: 'encoded', value: 'bWVzaCDinJM=' },
        { key: 'literal', value: 'cost-${NotAVariable}' },
        { key: 'account', value: '111122223333@aws' },
        { key: 'owner', value: '111122223333' },
        { key: 'azs' },
      ],
    },
  ]);
  const unresolved = r.report.entries.filter((e) => e.action === 'unresolved');
  assert.deepEqual(unresolved.map((e) => [e.path, e.message]), [['Resources.Node.Properties.Tags[5].Value', 'Fn::GetAZs depends on the account and region']]);
});
