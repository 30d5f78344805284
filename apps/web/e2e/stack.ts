import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../../..');
const SERVICES = ['profile-service', 'auth-service', 'credentials-service'] as const;

export interface Stack {
  readonly webOrigin: string;
  readonly urls: Record<(typeof SERVICES)[number], string>;
  readonly dir: string;
  stop(): Promise<void>;
  logs(): string;
}

/** The services, the gateway and the page built into a temp folder and run as `npm start` runs them. */
export async function startStack(): Promise<Stack> {
  // Inside the repository (tmp/ is ignored), so that the built services find node_modules.
  mkdirSync(join(root, 'tmp'), { recursive: true });
  const dir = mkdtempSync(join(root, 'tmp', 'web-e2e-'));
  // The audit service (another team's) joins the stack once it is on the branch.
  const withAudit = existsSync(join(root, 'apps/audit/src/main.ts'));
  for (const app of [...SERVICES, 'web', ...(withAudit ? ['audit'] : [])])
    execFileSync(process.execPath, ['tools/build.mjs', app, '--out-dir', join(dir, app)], {
      cwd: root,
      stdio: 'pipe',
    });
  execFileSync(
    process.execPath,
    [
      join(root, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'apps/web/page/vite.config.mts',
      '--outDir',
      join(dir, 'public'),
      '--logLevel',
      'error',
    ],
    { cwd: root, stdio: 'pipe' },
  );
  const ports = await Promise.all([0, 1, 2, 3].map(freePort));
  const [webPort, ...servicePorts] = ports;
  const webOrigin = `http://localhost:${webPort}`;
  const urls = Object.fromEntries(
    SERVICES.map((s, i) => [s, `http://127.0.0.1:${servicePorts[i]}`]),
  ) as Stack['urls'];
  const data = join(dir, 'data');
  mkdirSync(data);
  const output: string[] = [];
  const children: ChildProcess[] = [];
  const run = (name: string, env: Record<string, string>) => {
    const child = spawn(process.execPath, [join(dir, name, 'main.js')], {
      cwd: root,
      env: {
        PATH: process.env['PATH'] ?? '',
        NODE_ENV: 'development',
        LOG_LEVEL: 'warn',
        HOST: '127.0.0.1',
        DATA_DIR: data,
        WEB_ORIGIN: webOrigin,
        TRUST_PROXY: 'loopback',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk) => output.push(`${name}: ${chunk}`));
    child.stderr!.on('data', (chunk) => output.push(`${name}: ${chunk}`));
    children.push(child);
  };
  SERVICES.forEach((s, i) => run(s, { PORT: String(servicePorts[i]) }));
  await Promise.all(SERVICES.map((s) => waitFor(`${urls[s]}/health`, output)));
  const auditUrl = `http://127.0.0.1:${await freePort()}`;
  if (withAudit) {
    run('audit', { PORT: new URL(auditUrl).port });
    await waitFor(`${auditUrl}/health`, output);
  }
  run('web', {
    PORT: String(webPort),
    WEB_STATIC_DIR: join(dir, 'public'),
    PROFILE_SERVICE_URL: urls['profile-service'],
    AUTH_SERVICE_URL: urls['auth-service'],
    CREDENTIALS_SERVICE_URL: urls['credentials-service'],
    AUDIT_SERVICE_URL: auditUrl,
  });
  await waitFor(`${webOrigin}/`, output);
  return {
    webOrigin,
    urls,
    dir,
    logs: () => output.join(''),
    async stop() {
      await Promise.all(
        children.map((child) =>
          child.exitCode !== null
            ? undefined
            : new Promise<void>((done) => {
                const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
                child.once('exit', () => (clearTimeout(timer), done()));
                child.kill('SIGTERM');
              }),
        ),
      );
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

async function waitFor(url: string, output: string[]): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer 200 within 60 s:\n${output.join('').slice(-3000)}`);
}
