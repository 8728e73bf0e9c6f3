// YAML and JSON documents to plain values, with CloudFormation's short-form tags (`!Ref X`,
// `!GetAtt A.B`, `!Sub [...]`) turned into their long forms ({"Ref": "X"}, {"Fn::GetAtt": ["A", "B"]}).
import { isAlias, isMap, isScalar, isSeq, parseAllDocuments, type Document } from 'yaml';
import { ImportInputError } from './report';

const functionTags = ['Sub', 'GetAtt', 'Join', 'If', 'Select', 'Split', 'FindInMap', 'Equals', 'Not', 'And', 'Or', 'ImportValue', 'Base64', 'GetAZs', 'Cidr', 'Length', 'ToJsonString'];

function longForm(tag: string, value: unknown): unknown {
  const name = tag.slice(1);
  if (name === 'Ref' || name === 'Condition') return { [name]: value };
  if (name === 'GetAtt' && typeof value === 'string') {
    const dot = value.indexOf('.');
    return { 'Fn::GetAtt': dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
  }
  if (functionTags.includes(name)) return { [`Fn::${name}`]: value };
  return value;
}

function toValue(node: unknown, doc: Document.Parsed): unknown {
  if (node === null || node === undefined) return null;
  if (isAlias(node)) return toValue(node.resolve(doc), doc);
  let value: unknown;
  if (isScalar(node)) value = node.value;
  else if (isMap(node)) {
    const obj: Record<string, unknown> = {};
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      obj[key] = toValue(pair.value, doc);
    }
    value = obj;
  } else if (isSeq(node)) value = node.items.map((item) => toValue(item, doc));
  const tag = (node as { tag?: string }).tag;
  return tag?.startsWith('!') ? longForm(tag, value) : value;
}

/** Parses every document of a YAML (or JSON) text; a syntax error names the line and column. */
export function parseYamlDocuments(source: string, text: string): unknown[] {
  const docs = parseAllDocuments(text, { uniqueKeys: false, merge: true });
  const list = Array.isArray(docs) ? docs : [docs];
  const out: unknown[] = [];
  for (const doc of list) {
    const [error] = doc.errors;
    if (error) {
      const pos = error.linePos?.[0];
      const where = pos ? `${pos.line}:${pos.col}` : '1:1';
      throw new ImportInputError(`${source}:${where}`, `malformed YAML: ${error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? error.code}`);
    }
    if (doc.contents !== null) out.push(toValue(doc.contents, doc));
  }
  return out;
}
