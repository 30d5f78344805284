import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../../..');

/** Whether shipped code of an app mentions a route: steps whose API is not on this branch are skipped by name. */
export function appMentions(app: string, text: string): boolean {
  const dir = join(root, 'apps', app, 'src');
  if (!existsSync(dir)) return false;
  const walk = (d: string): boolean =>
    readdirSync(d, { withFileTypes: true }).some((entry) => {
      const path = join(d, entry.name);
      if (entry.isDirectory()) return walk(path);
      return (
        entry.name.endsWith('.ts') &&
        !entry.name.endsWith('.spec.ts') &&
        readFileSync(path, 'utf8').includes(text)
      );
    });
  return walk(dir);
}

export const hasAuditService = existsSync(join(root, 'apps/audit/src/main.ts'));
export const hasRecoveryCodes = appMentions(
  'auth-service',
  'me/recovery-codes',
);
