// Import of a generated CloudFormation template of 1,000 App Mesh resources (a mesh, 250 virtual
// nodes, 250 routers, 250 routes, 249 services), written in YAML with short-form tags as
// templates are. Prints the template size and the time of import and of validateBundle.
// Run: npx tsx bench/import.ts
import { performance } from 'node:perf_hooks';
import { importCloudFormation, validateBundle } from '@meshwright/model';

function template(groups: number): string {
  const lines = ['AWSTemplateFormatVersion: "2010-09-09"', 'Parameters:', '  Domain: {Type: String, Default: bench.local}', 'Resources:'];
  lines.push('  Mesh:', '    Type: AWS::AppMesh::Mesh', '    Properties:', '      MeshName: bench', '      Spec: {EgressFilter: {Type: DROP_ALL}}');
  for (let i = 0; i < groups; i++) {
    lines.push(
      `  Node${i}:`,
      '    Type: AWS::AppMesh::VirtualNode',
      '    Properties:',
      '      MeshName: !GetAtt Mesh.MeshName',
      `      VirtualNodeName: node-${i}`,
      '      Spec:',
      '        Listeners:',
      '          - PortMapping: {Port: 8080, Protocol: http}',
      '            HealthCheck: {Protocol: http, Path: /health, HealthyThreshold: 2, UnhealthyThreshold: 2, IntervalMillis: 5000, TimeoutMillis: 2000}',
      '        ServiceDiscovery:',
      `          DNS: {Hostname: !Sub 'node-${i}.\${Domain}'}`,
      '        Backends:',
      `          - VirtualService: {VirtualServiceName: !GetAtt Service${(i + 1) % (groups - 1)}.VirtualServiceName}`,
      `  Router${i}:`,
      '    Type: AWS::AppMesh::VirtualRouter',
      '    Properties:',
      '      MeshName: !GetAtt Mesh.MeshName',
      `      VirtualRouterName: router-${i}`,
      '      Spec: {Listeners: [{PortMapping: {Port: 8080, Protocol: http}}]}',
      `  Route${i}:`,
      '    Type: AWS::AppMesh::Route',
      '    Properties:',
      '      MeshName: !GetAtt Mesh.MeshName',
      `      VirtualRouterName: !GetAtt Router${i}.VirtualRouterName`,
      '      RouteName: split',
      '      Spec:',
      '        HttpRoute:',
      '          Match: {Prefix: /}',
      '          Action:',
      '            WeightedTargets:',
      `              - {VirtualNode: !GetAtt Node${i}.VirtualNodeName, Weight: 80}`,
      `              - {VirtualNode: !GetAtt Node${(i + 1) % groups}.VirtualNodeName, Weight: 20}`,
    );
    if (i < groups - 1) {
      lines.push(
        `  Service${i}:`,
        '    Type: AWS::AppMesh::VirtualService',
        '    Properties:',
        '      MeshName: !GetAtt Mesh.MeshName',
        `      VirtualServiceName: !Sub 'svc-${i}.\${Domain}'`,
        `      Spec: {Provider: {VirtualRouter: {VirtualRouterName: !GetAtt Router${i}.VirtualRouterName}}}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

const text = template(250);
const runs = 5;
const times: number[] = [];
const validations: number[] = [];
let count = 0;
for (let i = 0; i < runs + 1; i++) {
  const t0 = performance.now();
  const { bundle } = importCloudFormation([{ source: 'bench.yaml', text }]);
  const t1 = performance.now();
  const { findings } = validateBundle(bundle);
  const t2 = performance.now();
  if (findings.some((f) => f.severity === 'error')) throw new Error(`the generated template has errors: ${JSON.stringify(findings[0])}`);
  count = 1 + ['virtualNodes', 'virtualRouters', 'routes', 'virtualServices'].reduce((n, k) => n + (bundle[k] as unknown[]).length, 0);
  // The first run warms the JIT up and is not counted.
  if (i > 0) {
    times.push(t1 - t0);
    validations.push(t2 - t1);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
console.log(`template: ${count} resources, ${(text.length / 1024).toFixed(0)} KiB of YAML`);
console.log(`import (parse, intrinsics, mapping): median ${median(times).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms over ${runs} runs`);
console.log(`validateBundle of the result: median ${median(validations).toFixed(0)} ms`);
