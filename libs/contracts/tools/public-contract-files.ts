import { stringify } from 'yaml';
import { asyncApiDocument, eventJsonSchema, PublicTopicCatalog, schemaFileOf } from '../src';

/** Root of the committed files, relative to libs/contracts/. */
export const SCHEMAS_DIR = 'schemas';
export const ASYNCAPI_FILE = 'asyncapi.yaml';

const HEADER =
  '# Generated from libs/contracts/src/lib/public by `node -r @swc-node/register libs/contracts/tools/write-public-contracts.ts`; do not edit.\n';

/** Every committed contract file (path relative to libs/contracts/ -> content), as the code describes them now. */
export function publicContractFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of PublicTopicCatalog)
    for (const contract of entry.contracts)
      files.set(
        `${SCHEMAS_DIR}/${schemaFileOf(contract)}`,
        `${JSON.stringify(eventJsonSchema(contract), null, 2)}\n`,
      );
  files.set(ASYNCAPI_FILE, HEADER + stringify(asyncApiDocument(), { lineWidth: 0 }));
  return files;
}
