// Test support: botocore's own parameter validation of a RegisterTaskDefinition input (the ECS API
// model ships with botocore); prints "valid" or botocore's report.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

const VALIDATE = `
import json, sys
try:
    import botocore.session, botocore.validate
except ImportError:
    sys.exit("botocore is missing: python3 -m pip install boto3")
shape = botocore.session.get_session().get_service_model("ecs").operation_model("RegisterTaskDefinition").input_shape
report = botocore.validate.ParamValidator().validate(json.load(sys.stdin), shape)
print(report.generate_report() if report.has_errors() else "valid")
`;

export function botocore(params: unknown): string {
  const r = spawnSync('python3', ['-c', VALIDATE], { input: JSON.stringify(params), encoding: 'utf8' });
  assert.equal(r.status, 0, `python3 with botocore failed (python3 -m pip install boto3): ${r.stderr}`);
  return r.stdout.trim();
}
