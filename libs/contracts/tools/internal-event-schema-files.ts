import { internalEventSchemas } from './internal-event-schemas';
import { SCHEMAS_DIR } from './public-contract-files';

/** Every committed internal schema file (path relative to libs/contracts/ -> content), as the types describe them now. */
export function internalEventSchemaFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const [path, schema] of internalEventSchemas())
    files.set(`${SCHEMAS_DIR}/${path}`, `${JSON.stringify(schema, null, 2)}\n`);
  return files;
}
