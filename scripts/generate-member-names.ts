// Regenerates packages/model/src/import/member-names.generated.ts from the App Mesh API model:
//   npx tsx scripts/generate-member-names.ts /work/shared/reference/appmesh-api-2019-01-25.json
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { memberTableFromApiModel, renderMemberTable } from '../packages/model/src/import/member-table';

const source = process.argv[2];
if (!source) {
  console.error('usage: generate-member-names.ts <appmesh-api-2019-01-25.json>');
  process.exit(2);
}
const table = memberTableFromApiModel(JSON.parse(readFileSync(source, 'utf8')) as Parameters<typeof memberTableFromApiModel>[0]);
const out = fileURLToPath(new URL('../packages/model/src/import/member-names.generated.ts', import.meta.url));
writeFileSync(out, renderMemberTable(table));
console.log(`wrote ${Object.keys(table).length} shapes to ${out}`);
