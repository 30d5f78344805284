/**
 * Prints the configuration tables of every service from the schemas they validate at start:
 * `npm run config:docs`. The README's "Configuration" section is this output.
 */
import { configSchemaToMarkdown } from '@accounts/service-kit';
import { authConfigSchema } from '../apps/auth-service/src/config';
import { credentialsConfigSchema } from '../apps/credentials-service/src/config';
import { profileConfigSchema } from '../apps/profile-service/src/config';

const services = [
  ['profile-service', profileConfigSchema],
  ['auth-service', authConfigSchema],
  ['credentials-service', credentialsConfigSchema],
] as const;

for (const [name, schema] of services) {
  console.log(`### ${name}\n\n${configSchemaToMarkdown(schema)}\n`);
}
