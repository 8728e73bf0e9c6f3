// Test support: boto3 (the Python SDK) against a test server. A script's steps run in order with a
// client `c` already made; each prints its outcome as one JSON line, so tests compare outcomes, not text.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiServer } from './http';

/** What one `step(name, fn)` did: the call's result (JSON-safe), or the error code boto3 raised. */
export type Boto3Step = { name: string; ok: true; result: unknown } | { name: string; ok: false; code: string; message: string };

const prelude = String.raw`
import json, sys, boto3, botocore
from botocore.config import Config
url = sys.argv[1]
c = boto3.client('appmesh', endpoint_url=url, region_name='us-west-2', aws_access_key_id='AKIDMESHWRIGHTTEST', aws_secret_access_key='not-a-secret', config=Config(retries={'max_attempts': 1, 'mode': 'standard'}))
def step(name, fn):
    try:
        out = fn()
        if isinstance(out, dict): out.pop('ResponseMetadata', None)
        print(json.dumps({'name': name, 'ok': True, 'result': out}, default=str))
    except botocore.exceptions.ClientError as e:
        print(json.dumps({'name': name, 'ok': False, 'code': e.response['Error']['Code'], 'message': e.response['Error'].get('Message', '')}))
    sys.stdout.flush()
`;

const install = 'pip install boto3';

/** Runs `script` (Python, after the prelude) against the server; fails, not skips, without boto3. */
export function runBoto3(server: ApiServer, script: string): Promise<Boto3Step[]> {
  const home = mkdtempSync(join(tmpdir(), 'mw-boto3-'));
  const env = { PATH: process.env.PATH ?? '', HOME: home, AWS_CONFIG_FILE: join(home, 'none'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'none') };
  // Async on purpose: the server runs in this process and must keep answering while Python waits.
  return new Promise((resolve, reject) => {
    execFile('python3', ['-c', `${prelude}\n${script}`, server.url], { env }, (err, stdout, stderr) => {
      rmSync(home, { recursive: true, force: true });
      if (/No module named 'boto3'/.test(stderr)) return reject(new Error(`boto3 is missing; install it with: ${install}`));
      if (err) return reject(new Error(`python3 failed: ${stderr}`));
      resolve(stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Boto3Step));
    });
  });
}
