// The meshwright CLI: subcommand dispatch. Each command returns its exit code.
import { parseAccessLogRoots } from '@meshwright/model';
import { compileUsage, runCompile } from './compile-command';
import { deployUsage, runDeploy } from './deploy/deploy-command';
import { exportUsage, runExport } from './export/export-command';
import { importUsage, runImport } from './import/import-command';
import { keysUsage, runKeys } from './keys/keys-command';
import { proxiesUsage, runProxies } from './proxies/proxies-command';
import { runValidate, validateUsage, type CliIo } from './validate';

const usage = [
  'meshwright: App Mesh specs, validated and compiled to Envoy configuration.',
  '',
  'commands:',
  `  ${validateUsage.replace(/^usage: /, '')}`,
  `  ${compileUsage.split('\n')[0]?.replace(/^usage: /, '') ?? ''}`,
  `  ${importUsage.split('\n')[0]?.replace(/^usage: /, '') ?? ''}`,
  `  ${exportUsage.split('\n')[0]?.replace(/^usage: /, '') ?? ''}`,
  `  ${deployUsage.split('\n')[0]?.replace(/^usage: /, '') ?? ''}`,
  `  ${keysUsage.split('\n')[0]?.replace(/^usage: /, '') ?? ''}`,
  `  ${proxiesUsage.split('\n')[0]?.replace(/^usage: /, '') ?? ''}`,
  '',
  'Run `meshwright <command> --help` for details.',
].join('\n');

export async function main(args: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = args;
  const { error } = parseAccessLogRoots(process.env.ACCESS_LOG_ROOTS);
  if (error !== undefined) {
    io.err(`error: ${error}`);
    return 2;
  }
  switch (command) {
    case 'validate':
      return runValidate(rest, io);
    case 'compile':
      return runCompile(rest, io);
    case 'import':
      return runImport(rest, io);
    case 'export':
      return runExport(rest, io);
    case 'deploy':
      return runDeploy(rest, io);
    case 'keys':
      return runKeys(rest, io);
    case 'proxies':
      return runProxies(rest, io);
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      io.out(usage);
      return command === undefined ? 2 : 0;
    default:
      io.err(`error: unknown command "${command}"\n${usage}`);
      return 2;
  }
}
