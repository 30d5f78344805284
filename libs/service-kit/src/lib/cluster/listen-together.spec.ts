import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CHILD = join(__dirname, 'testing', 'cluster-child.ts');
const WORKSPACE = join(__dirname, '..', '..', '..', '..', '..');

interface Answer {
  readonly status: number;
  readonly worker?: number;
}

/** GET /health; `agent: false` opens a connection of its own (the primary hands it to the next worker). */
function health(port: number, agent: Agent | false = false): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/health', agent }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        const body = JSON.parse(text) as {
          info?: { worker?: { id: number } };
          details?: { details?: { worker?: { id: number } } };
        };
        resolve({
          status: res.statusCode ?? 0,
          worker: body.info?.worker?.id ?? body.details?.details?.worker?.id,
        });
      });
    });
    req.setTimeout(10_000, () => req.destroy(new Error('no answer within 10 s')));
    req.on('error', reject);
    req.end();
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

interface Started {
  readonly primary: ChildProcess;
  readonly port: number;
  readonly output: () => string;
  readonly exited: Promise<number | null>;
}

describe('Cluster workers listen together (real processes: a primary and two workers)', () => {
  const started: Started[] = [];
  const dirs: string[] = [];

  afterEach(async () => {
    for (const { primary, exited } of started.splice(0)) {
      if (primary.exitCode === null && primary.signalCode === null && primary.pid) {
        process.kill(-primary.pid, 'SIGKILL');
        await exited;
      }
    }
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  async function start(env: Record<string, string>): Promise<Started> {
    const dir = mkdtempSync(join(tmpdir(), 'listen-together-'));
    dirs.push(dir);
    const port = await freePort();
    let output = '';
    const primary = spawn(process.execPath, ['-r', '@swc-node/register', CHILD], {
      cwd: WORKSPACE,
      env: {
        PATH: process.env['PATH'] ?? '',
        TS_NODE_PROJECT: join(WORKSPACE, 'tsconfig.base.json'),
        WORKERS: '2',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: join(dir, 'data'),
        LOG_LEVEL: 'info',
        SHUTDOWN_TIMEOUT_MS: '1000',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group: afterEach can kill the primary and its workers by the group's id.
      detached: true,
    });
    primary.stdout?.on('data', (chunk) => (output += chunk));
    primary.stderr?.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) =>
      primary.once('exit', (code) => resolve(code)),
    );
    const handle = { primary, port, output: () => output, exited };
    started.push(handle);
    return handle;
  }

  /** Polls /health on fresh connections until it answers 200; returns every answer before it. */
  async function untilHealthy(service: Started, timeoutMs = 90_000): Promise<Answer[]> {
    const before: Answer[] = [];
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const answer = await health(service.port).catch(() => undefined);
      if (answer?.status === 200) return before;
      if (answer) before.push(answer);
      if (Date.now() > deadline)
        throw new Error(
          `/health not 200 within ${timeoutMs} ms:\n${service.output().slice(-3000)}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('with worker 2 three seconds slower to start: the first /health 200 comes once both listen, and keep-alive connections opened right then are spread over both', async () => {
    const service = await start({ SLOW_WORKER: '2', SLOW_MS: '3000' });
    const before = await untilHealthy(service);
    // Before: nobody listened (refused), or a worker answered 503 "starting" — never a 200 from worker 1 alone.
    for (const answer of before) expect(answer.status).toBe(503);

    // A proxy starting up: 8 keep-alive connections at once, each asked twice.
    const agent = new Agent({ keepAlive: true, maxSockets: 8 });
    const first = await Promise.all(Array.from({ length: 8 }, () => health(service.port, agent)));
    const again = await Promise.all(Array.from({ length: 8 }, () => health(service.port, agent)));
    agent.destroy();
    const answers = [...first, ...again];
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    const perWorker = new Map<number, number>();
    for (const { worker = 0 } of answers) perWorker.set(worker, (perWorker.get(worker) ?? 0) + 1);
    expect([...perWorker.keys()].sort()).toEqual([1, 2]);
    expect(Math.min(...perWorker.values())).toBeGreaterThanOrEqual(4);
    expect(service.output()).toContain('cluster-child: 2 of 2 workers listening');

    // Graceful shutdown is unchanged: SIGTERM to the primary, every worker stops, exit 0.
    service.primary.kill('SIGTERM');
    expect(await service.exited).toBe(0);
    expect(service.output()).toContain('all workers stopped');
  }, 120_000);

  it('a worker not ready within WORKER_START_TIMEOUT_MS: a clear error names it, the others serve, and it joins once ready', async () => {
    const service = await start({
      SLOW_WORKER: '2',
      SLOW_MS: '6000',
      WORKER_START_TIMEOUT_MS: '1000',
    });
    await untilHealthy(service);
    expect(service.output()).toContain(
      'workers 2 not ready after 1000 ms: the others listen without them; each joins when it is ready',
    );
    expect(service.output()).toContain('cluster-child: 1 of 2 workers listening');
    // Worker 2 comes up late and takes connections then.
    const deadline = Date.now() + 60_000;
    const seen = new Set<number>();
    while (!seen.has(2)) {
      const answer = await health(service.port);
      if (answer.status === 200 && answer.worker) seen.add(answer.worker);
      if (Date.now() > deadline) throw new Error(`worker 2 never answered:\n${service.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(seen.has(1)).toBe(true);
  }, 120_000);
});
