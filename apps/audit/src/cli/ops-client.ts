import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CliError } from './cli-context';

/** The services whose operations API the CLI talks to, as name=url. */
export const DEFAULT_SERVICES =
  'profile-service=http://127.0.0.1:3001,auth-service=http://127.0.0.1:3002,credentials-service=http://127.0.0.1:3003,audit=http://127.0.0.1:3004';

export function parseServices(raw: string): Map<string, string> {
  const services = new Map<string, string>();
  for (const part of raw
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [name, url] = part.split('=');
    if (!name || !url || !/^https?:\/\//.test(url))
      throw new CliError(`AUDIT_SERVICES: "${part}" is not name=http(s)://host:port`);
    services.set(name, url.replace(/\/$/, ''));
  }
  return services;
}

/** OPERATIONS_TOKEN, or the embedded one the services generated into DATA_DIR/keys. */
export function operationsToken(env: NodeJS.ProcessEnv, dataDir: string): string {
  if (env['OPERATIONS_TOKEN']) return env['OPERATIONS_TOKEN'];
  try {
    return readFileSync(join(dataDir, 'keys', 'operations.token'), 'utf8').trim();
  } catch {
    throw new CliError(
      'Set OPERATIONS_TOKEN (or DATA_DIR to the folder whose keys/operations.token the services wrote)',
    );
  }
}

export class OpsClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  async call<T>(method: 'GET' | 'POST', path: string): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}/ops/projections${path}`, {
        method,
        headers: { 'X-Operations-Token': this.token, Accept: 'application/json' },
        signal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      throw new CliError(
        `${this.baseUrl} does not answer (${error instanceof Error ? error.message : String(error)})`,
        3,
      );
    }
    const body = (await response.json().catch(() => ({}))) as T & { message?: string };
    if (!response.ok)
      throw new CliError(
        `${this.baseUrl}: ${response.status} ${body.message ?? response.statusText}`,
        3,
      );
    return body;
  }
}
