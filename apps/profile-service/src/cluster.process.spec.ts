import { type Principal, SigningKeyRing, TokenIssuer } from '@accounts/security';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';

// profile-service built as in production and run with WORKERS=2: a primary and two worker processes
// on one port, one store and one read-model file.
const root = join(__dirname, '..', '..', '..');
const ISSUER = 'http://127.0.0.1:3002';

type PostgresHarness = typeof import('../../../tools/postgres/server.cjs');
// tools/ is plain Node, not an Nx project: load the server harness by path.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const postgres: PostgresHarness = require(join(root, 'tools', 'postgres', 'server.cjs'));
const postgresHere = postgres.postgresAvailability();

interface Answer {
  readonly status: number;
  readonly body: any;
}

/** One request on its own connection: the primary hands each connection to the next worker. */
function call(
  port: number,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent: false,
        headers: {
          connection: 'close',
          ...(payload && { 'content-type': 'application/json' }),
          ...(token && { authorization: `Bearer ${token}` }),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: text.startsWith('{') ? JSON.parse(text) : text,
          }),
        );
      },
    );
    // A request must not wait forever on a worker that was killed under it.
    req.setTimeout(15_000, () =>
      req.destroy(new Error(`${method} ${path}: no answer within 15 s`)),
    );
    req.on('error', reject);
    req.end(payload);
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

interface Health {
  readonly worker: { id: number; pid: number; projects: boolean };
  readonly projections?: Record<string, unknown> & { status: string };
}

async function health(port: number): Promise<Health> {
  const { body } = await call(port, 'GET', '/health');
  return body.details as Health;
}

/** The workers as /health shows them, over enough connections to reach each. */
async function workers(port: number): Promise<Map<number, Health>> {
  const seen = new Map<number, Health>();
  for (let i = 0; i < 12 && seen.size < 2; i++) {
    const details = await health(port);
    seen.set(details.worker.id, details);
  }
  return seen;
}

async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('not within the time allowed');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function clusterSuite(engine: 'sqlite' | 'postgres'): void {
  let dir: string;
  let server: Awaited<ReturnType<PostgresHarness['startPostgres']>> | undefined;
  let port: number;
  let primary: ChildProcess;
  let output = '';
  let exited: Promise<number | null>;
  let mint: (p: Pick<Principal, 'accountId' | 'orgId'> & Partial<Principal>) => Promise<string>;

  beforeAll(async () => {
    mkdirSync(join(root, 'tmp'), { recursive: true });
    dir = mkdtempSync(join(root, 'tmp', 'cluster-process-'));
    execFileSync(
      process.execPath,
      ['tools/build.mjs', 'profile-service', '--out-dir', join(dir, 'build')],
      { cwd: root, stdio: 'pipe' },
    );
    const data = join(dir, 'data');
    // Tokens as auth-service signs them: its public keys in the shared data folder.
    const ring = await SigningKeyRing.generate();
    mkdirSync(join(data, 'keys'), { recursive: true });
    writeFileSync(
      join(data, 'keys', 'auth-service.jwks.json'),
      JSON.stringify({ issuer: ISSUER, ...ring.publicJwks() }),
    );
    const issuer = new TokenIssuer(ring, ISSUER, 'accounts');
    mint = async (p) =>
      (
        await issuer.issue({
          kind: 'user',
          accountType: 'standard',
          sessionId: `s-${p.accountId}`,
          amr: ['pwd'],
          authTime: Math.floor(Date.now() / 1000),
          ...p,
        })
      ).accessToken;
    port = await freePort();
    if (engine === 'postgres') server = await postgres.startPostgres({ fsync: false });
    primary = spawn(process.execPath, [join(dir, 'build', 'main.js')], {
      cwd: root,
      env: {
        PATH: process.env['PATH'] ?? '',
        WORKERS: '2',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: data,
        LOG_LEVEL: 'info',
        SHUTDOWN_TIMEOUT_MS: '2000',
        // Both workers append to one PostgreSQL database, as two replicas would.
        // With a production store the activation-link key is no longer generated into DATA_DIR.
        ...(server && {
          EVENTSTORE_CONNECTION_STRING: server.connectionString,
          ACTIVATION_LINK_KEY: randomBytes(32).toString('base64'),
        }),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so the last test can signal the whole group as a supervisor may.
      detached: true,
    });
    primary.stdout!.on('data', (chunk) => (output += chunk));
    primary.stderr!.on('data', (chunk) => (output += chunk));
    exited = new Promise((resolve) => primary.once('exit', (code) => resolve(code)));
    await eventually(
      async () => ((await workers(port)).size === 2 ? true : undefined),
      60_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}: the workers did not both answer:\n${output.slice(-3000)}`);
    });
  }, 120_000);

  afterAll(async () => {
    if (primary.exitCode === null) {
      process.kill(-primary.pid!, 'SIGKILL');
      await exited;
    }
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  let orgId: string;
  let adminToken: string;

  it('answers from both workers on one port, and only worker 1 maintains the read models', async () => {
    const seen = await workers(port);
    expect([...seen.keys()].sort()).toEqual([1, 2]);
    expect(seen.get(1)!.worker.projects).toBe(true);
    expect(seen.get(2)!.worker.projects).toBe(false);
    expect(seen.get(1)!.worker.pid).not.toBe(seen.get(2)!.worker.pid);
    // Worker 2 reports the checkpoints worker 1 writes, marked as followed.
    const followed = Object.values(seen.get(2)!.projections ?? {}).filter(
      (p) => typeof p === 'object',
    );
    expect(followed.length).toBeGreaterThan(0);
    expect(followed.every((p) => (p as { followed?: boolean }).followed === true)).toBe(true);
    expect(
      Object.values(seen.get(1)!.projections ?? {}).some(
        (p) => (p as { followed?: boolean }).followed,
      ),
    ).toBe(false);
  });

  it('reads its own writes whichever worker takes the write and whichever takes the read', async () => {
    const created = await call(port, 'POST', '/organizations', {
      name: 'Cluster',
      administrator: {
        userName: 'clusteradmin',
        firstName: 'Cluster',
        lastName: 'Admin',
        email: 'admin@cluster.test',
      },
    });
    expect(created.status).toBe(201);
    orgId = created.body.organization.id;
    adminToken = await mint({
      accountId: created.body.administrator.id,
      orgId,
      accountType: 'administrator',
    });
    for (let i = 0; i < 8; i++) {
      const account = await call(
        port,
        'POST',
        `/organizations/${orgId}/accounts`,
        {
          userName: `member${i}`,
          firstName: 'Member',
          lastName: `N${i}`,
          email: `member${i}@cluster.test`,
          accountType: 'standard',
        },
        adminToken,
      );
      expect(account.status).toBe(201);
      // The next connection goes to the other worker: the directory (a read model) already lists it.
      const listing = await call(
        port,
        'GET',
        `/organizations/${orgId}/accounts?limit=100`,
        undefined,
        adminToken,
      );
      expect(listing.status).toBe(200);
      expect(listing.body.items.map((item: { id: string }) => item.id)).toContain(account.body.id);
    }
  });

  it('shows a profile edit in the directory listing at once, whichever worker took the edit', async () => {
    const listed = await call(
      port,
      'GET',
      `/organizations/${orgId}/accounts?limit=100`,
      undefined,
      adminToken,
    );
    const members = listed.body.items.filter((item: { userName: string }) =>
      item.userName.startsWith('member'),
    );
    expect(members).toHaveLength(8);
    for (const [i, member] of members.entries()) {
      const token = await mint({ accountId: member.id, orgId });
      // The edit does not wait for worker 1's directory: the listing, on the next connection, does.
      const edited = await call(port, 'PATCH', '/accounts/me', { lastName: `Edited${i}` }, token);
      expect(edited.status).toBe(200);
      expect(edited.body.lastName).toBe(`Edited${i}`);
      const listing = await call(
        port,
        'GET',
        `/organizations/${orgId}/accounts?search=${member.userName}`,
        undefined,
        adminToken,
      );
      expect(listing.status).toBe(200);
      expect(listing.body.items.map((item: { lastName: string }) => item.lastName)).toEqual([
        `Edited${i}`,
      ]);
      const mine = await call(port, 'GET', '/accounts/me', undefined, token);
      expect(mine.body.lastName).toBe(`Edited${i}`);
    }
  });

  it('loses no acknowledged write when a worker is killed with SIGKILL, and the primary restarts it', async () => {
    const before = await workers(port);
    const victim = before.get(1)!.worker.pid;
    const acknowledged: string[] = [];
    const outcomes: unknown[] = [];
    let killed = false;
    const writer = async (client: number) => {
      for (let i = 0; i < 15; i++) {
        if (client === 0 && i === 5 && !killed) {
          killed = true;
          process.kill(victim, 'SIGKILL');
        }
        const answer = await call(
          port,
          'POST',
          `/organizations/${orgId}/accounts`,
          {
            userName: `k${client}x${i}`,
            firstName: 'Kill',
            lastName: `C${client}`,
            email: `k${client}x${i}@cluster.test`,
            accountType: 'standard',
          },
          adminToken,
        ).catch((error: Error) => ({ status: 0, body: error.message }));
        outcomes.push(
          answer.status === 201
            ? 201
            : `${answer.status} ${JSON.stringify(answer.body).slice(0, 120)}`,
        );
        if (answer.status === 201) acknowledged.push(answer.body.id);
      }
    };
    await Promise.all([0, 1, 2, 3].map(writer));
    expect(killed).toBe(true);
    // The only failures are requests cut off with the worker's connections (never answered, so never
    // acknowledged): no error status. A connection the primary was handing over at the kill stays
    // unanswered until the client's timeout (node:cluster keeps it), hence the 15 s above.
    expect(outcomes.filter((o) => o !== 201).every((o) => String(o).startsWith('0 '))).toBe(true);
    expect(acknowledged.length).toBeGreaterThan(20);

    // Worker 1 is back under a new process id, and maintains the read models again.
    const restarted = await eventually(async () => {
      const now = await workers(port);
      const first = now.get(1);
      return first && first.worker.pid !== victim && now.size === 2 ? first : undefined;
    });
    expect(restarted.worker.projects).toBe(true);
    expect(output).toMatch(/"workerSlot":1,.*"signal":"SIGKILL".*worker 1 died: restarting it/);
    // Every acknowledged account is in the store and reaches the directory.
    const listed = await eventually(async () => {
      const listing = await call(
        port,
        'GET',
        `/organizations/${orgId}/accounts?limit=100`,
        undefined,
        adminToken,
      );
      const ids = new Set(listing.body.items.map((item: { id: string }) => item.id));
      return acknowledged.every((id) => ids.has(id)) ? ids : undefined;
    });
    expect(listed.size).toBeGreaterThanOrEqual(acknowledged.length);
  }, 90_000);

  it('sums the metrics of both workers in /metrics, whichever answers', async () => {
    const { status, body } = await call(port, 'GET', '/metrics');
    expect(status).toBe(200);
    // Every POST above was counted by the worker that took it; the sum holds them all.
    const created =
      /http_request_duration_seconds_count\{method="POST",route="\/organizations\/:orgId\/accounts",status="201"[^}]*\} (\d+)/.exec(
        body as string,
      );
    expect(Number(created?.[1])).toBeGreaterThanOrEqual(28);
  });

  it('stops every worker gracefully on SIGTERM to the process group; every log line names its worker', async () => {
    // Each worker gets the signal twice (directly and passed on by the primary): still one clean stop.
    process.kill(-primary.pid!, 'SIGTERM');
    expect(await exited).toBe(0);
    const lines = output.split('\n').filter((line) => line.startsWith('{'));
    expect(lines.filter((line) => line.includes('Stopped cleanly'))).toHaveLength(2);
    expect(lines.every((line) => typeof JSON.parse(line).worker === 'number')).toBe(true);
    expect(new Set(lines.map((line) => JSON.parse(line).worker))).toEqual(new Set([0, 1, 2]));
  }, 30_000);
}

describe('profile-service with WORKERS=2, as real processes, embedded SQLite store', () =>
  clusterSuite('sqlite'));

(postgresHere.ok ? describe : describe.skip)(
  `profile-service with WORKERS=2, as real processes, PostgreSQL store${postgresHere.ok ? '' : ` (skipped: ${postgresHere.reason})`}`,
  () => clusterSuite('postgres'),
);

describe('profile-service with WORKERS=2 and a bad environment', () => {
  let dir: string;

  beforeAll(() => {
    mkdirSync(join(root, 'tmp'), { recursive: true });
    dir = mkdtempSync(join(root, 'tmp', 'cluster-config-'));
    execFileSync(
      process.execPath,
      ['tools/build.mjs', 'profile-service', '--out-dir', join(dir, 'build')],
      { cwd: root, stdio: 'pipe' },
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs the built service to its exit; the answer is its exit code and everything it printed. */
  const run = (env: Record<string, string>) =>
    new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(process.execPath, [join(dir, 'build', 'main.js')], {
        cwd: root,
        env: {
          PATH: process.env['PATH'] ?? '',
          HOST: '127.0.0.1',
          DATA_DIR: join(dir, 'data'),
          WORKERS: '2',
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout!.on('data', (chunk) => (output += chunk));
      child.stderr!.on('data', (chunk) => (output += chunk));
      const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      child.once('exit', (code) => {
        clearTimeout(killer);
        resolve({ code, output });
      });
    });

  it('stops with exit 1 naming the variable when a worker finds the environment bad (the primary never loads the app)', async () => {
    const { code, output } = await run({ PORT: '70000' });
    expect(code).toBe(1);
    expect(output).toContain('PORT: expected an integer between 1 and 65535, got "70000"');
    expect(output).toContain('worker 1 exited before listening: stopping');
  }, 40_000);

  it('refuses a bad WORKERS itself, before forking anything', async () => {
    const { code, output } = await run({ WORKERS: 'many', PORT: '1' });
    expect(code).toBe(1);
    expect(output).toContain('profile-service: Invalid configuration');
    expect(output).toContain('WORKERS');
    expect(output).not.toContain('starting');
  }, 40_000);
});
