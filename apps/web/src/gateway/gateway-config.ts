/** Gateway settings, only from environment variables, checked at start (a wrong one stops it with its name). */
export interface GatewayConfig {
  readonly port: number;
  readonly host: string;
  /** Public origin of the page (cookies are Secure unless it is http on localhost). */
  readonly webOrigin: string;
  readonly staticDir: string;
  readonly upstreams: Readonly<Record<'profile' | 'auth' | 'credentials' | 'audit', string>>;
  readonly secureCookies: boolean;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export function readGatewayConfig(
  env: NodeJS.ProcessEnv,
  defaults: { staticDir: string },
): GatewayConfig {
  const port = integer(env, 'PORT', 3000);
  const host = env['HOST'] || '127.0.0.1';
  const webOrigin = url(env, 'WEB_ORIGIN', `http://localhost:${port}`);
  const upstreams = {
    profile: url(env, 'PROFILE_SERVICE_URL', 'http://127.0.0.1:3001'),
    auth: url(env, 'AUTH_SERVICE_URL', 'http://127.0.0.1:3002'),
    credentials: url(env, 'CREDENTIALS_SERVICE_URL', 'http://127.0.0.1:3003'),
    audit: url(env, 'AUDIT_SERVICE_URL', 'http://127.0.0.1:3004'),
  };
  const origin = new URL(webOrigin);
  // Browsers keep Secure cookies from http://localhost, but a plain-http test origin like 127.0.0.1 would lose them.
  const secureCookies = origin.protocol === 'https:' || !LOCAL_HOSTS.has(origin.hostname);
  return {
    port,
    host,
    webOrigin: origin.origin,
    staticDir: env['WEB_STATIC_DIR'] || defaults.staticDir,
    upstreams,
    secureCookies,
  };
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535)
    throw new Error(`${name} must be an integer between 0 and 65535 (got "${raw}")`);
  return value;
}

function url(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const raw = env[name] || fallback;
  if (!/^https?:\/\//.test(raw))
    throw new Error(`${name} must be a URL starting with http:// or https:// (got "${raw}")`);
  return raw.replace(/\/+$/, '');
}
