import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { internalEventSchemaFiles } from './internal-event-schema-files';
import { publicContractFiles, SCHEMAS_DIR } from './public-contract-files';

// Rewrites libs/contracts/schemas/ (public and internal/) and asyncapi.yaml from the code (run after changing an event or a public contract).
const root = join(__dirname, '..');
rmSync(join(root, SCHEMAS_DIR), { recursive: true, force: true });
for (const [path, content] of [...publicContractFiles(), ...internalEventSchemaFiles()]) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
}
console.log(
  `wrote ${readdirSync(join(root, SCHEMAS_DIR), { recursive: true }).length} schema entries and asyncapi.yaml`,
);
