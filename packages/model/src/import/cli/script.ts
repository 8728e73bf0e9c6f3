// AWS CLI scripts (the App Mesh walkthroughs' deploy.sh): each `aws appmesh create-*` command becomes
// the CLI-input document it sends, from its name flags, --spec, --tags and --cli-input-json given
// inline or as file:// (read through the caller, relative to the script), and the script's variables.
import type { InputDocument } from '../../input/cli-files';
import { createInputSchemas, type ResourceKind } from '../../input/cli-input';
import { ReportBuilder } from '../report';
import { shellCommands, type Word } from './shell-words';

export interface ScriptText {
  source: string;
  text: string;
}

/** Reads the file a script names as `file://PATH`; undefined when there is none. */
export type ReadScriptFile = (script: string, path: string) => ScriptText | undefined;

export interface ScriptRead {
  /** One CLI-input document per create command, its source `script:line`. */
  docs: InputDocument[];
  reports: ReportBuilder[];
  /** The sources of the files the scripts read, so they are not imported again on their own. */
  used: string[];
}

const creates: Record<string, ResourceKind> = Object.fromEntries(
  Object.keys(createInputSchemas).map((kind) => [`create-${kind.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`, kind as ResourceKind]),
);
/** --mesh-name, --virtual-gateway-name... : the kebab-case of every member the create inputs take. */
const memberOf = (flag: string) => flag.slice(2).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
const jsonMembers = new Set(['spec', 'tags', 'cliInputJson']);
const stringMembers = new Set(['clientToken', 'meshOwner', ...Object.keys(createInputSchemas).map((k) => `${k}Name`), 'routeName', 'gatewayRouteName']);
// Options of the aws command itself: they say where to send the call, not what it creates.
const globalWithValue = new Set(['--region', '--endpoint-url', '--profile', '--output', '--query', '--color', '--ca-bundle', '--cli-read-timeout', '--cli-connect-timeout', '--cli-binary-format']);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether a text is a shell script that calls `aws appmesh`, rather than a JSON document. */
export function isCliScript(text: string): boolean {
  const head = text.trimStart();
  return !head.startsWith('{') && !head.startsWith('[') && /(^|[\s;&|(])aws\s+(?:--?\S+\s+(?:\S+\s+)?)*appmesh\s/m.test(text);
}

/** The subcommand after `aws [global options] appmesh [global options]`, and where its flags start. */
function subcommand(words: readonly Word[]): { name: string; at: number } | undefined {
  if (words[0]?.text !== 'aws') return undefined;
  let i = 1;
  const skipGlobals = () => {
    while (words[i]?.text.startsWith('--')) i += globalWithValue.has(words[i]?.text ?? '') ? 2 : 1;
  };
  skipGlobals();
  if (words[i]?.text !== 'appmesh') return undefined;
  i++;
  skipGlobals();
  const name = words[i]?.text;
  return name === undefined ? undefined : { name, at: i + 1 };
}

function readOne(script: ScriptText, readFile: ReadScriptFile, out: ScriptRead, report: ReportBuilder): void {
  for (const { line, words } of shellCommands(script.text)) {
    const sub = subcommand(words);
    if (!sub) continue;
    const at = `line ${line}`;
    const kind = creates[sub.name];
    if (kind === undefined) {
      report.add('dropped', at, `aws appmesh ${sub.name} is not read: only the create-* commands describe the resources`);
      continue;
    }
    const doc: Record<string, unknown> = {};
    let base: Record<string, unknown> = {};
    for (let i = sub.at; i < words.length; i++) {
      const flag = words[i]?.text ?? '';
      if (!flag.startsWith('--')) continue;
      if (globalWithValue.has(flag) || !flag.slice(2)) {
        i++;
        continue;
      }
      const value = words[i + 1];
      const member = memberOf(flag);
      if (value === undefined || value.text.startsWith('--')) {
        if (flag !== '--no-cli-pager' && flag !== '--debug') report.add('dropped', `${at} ${flag}`, `${flag} takes no value here and says nothing about the ${kind}`);
        continue;
      }
      i++;
      if (value.unknown !== undefined) {
        report.add('unresolved', `${at} ${flag}`, `${value.unknown}: ${member} is left out`);
        continue;
      }
      if (stringMembers.has(member)) {
        doc[member] = value.text;
        continue;
      }
      if (!jsonMembers.has(member)) {
        report.add('dropped', `${at} ${flag}`, `${flag} is not an option of aws appmesh ${sub.name}`);
        continue;
      }
      const json = jsonValue(value.text, script, readFile, out, (why) => report.add('unresolved', `${at} ${flag}`, why));
      if (json === undefined) continue;
      if (member !== 'cliInputJson') doc[member] = json;
      else if (isRecord(json)) base = json;
      else report.add('unresolved', `${at} ${flag}`, '--cli-input-json must hold a JSON object');
    }
    const nameMember = kind === 'mesh' ? 'meshName' : `${kind}Name`;
    const merged = { ...base, ...doc };
    if (typeof merged[nameMember] !== 'string') {
      report.add('unresolved', at, `aws appmesh ${sub.name} names no ${nameMember} (--${nameMember.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}): the command is left out`);
      continue;
    }
    out.docs.push({ source: `${script.source}:${line}`, json: merged });
  }
}

/** An inline JSON value or a file:// one; what cannot be read is reported and gives undefined. */
function jsonValue(text: string, script: ScriptText, readFile: ReadScriptFile, out: ScriptRead, unresolved: (why: string) => void): unknown {
  const file = /^fileb?:\/\/(.+)$/.exec(text);
  let body = text;
  if (file?.[1]) {
    const read = readFile(script.source, file[1]);
    if (!read) {
      unresolved(`${text} is not a file next to the script`);
      return undefined;
    }
    out.used.push(read.source);
    body = read.text;
  }
  try {
    return JSON.parse(body) as unknown;
  } catch (e) {
    unresolved(file ? `${text} is not JSON: ${(e as Error).message}` : "is not JSON (the AWS CLI's shorthand syntax is not read): write the value as JSON or file://FILE");
    return undefined;
  }
}

/** Reads every create command of the scripts into CLI-input documents. */
export function readCliScripts(scripts: readonly ScriptText[], readFile: ReadScriptFile): ScriptRead {
  const out: ScriptRead = { docs: [], reports: [], used: [] };
  for (const script of scripts) {
    const report = new ReportBuilder(script.source);
    out.reports.push(report);
    readOne(script, readFile, out, report);
  }
  return out;
}
