/**
 * npm run bench -- peers [--seconds=20] [--warmup=12] [--rounds=2] [--flows=grant,signin,refresh] [--no-keycloak]
 *                        [--workers=<cores>] [--threads=<UV_THREADPOOL_SIZE per worker>] [--profile=<dir>]
 *                        [--node-flags="<flags for our services>"] [--logs=<dir>] [--dist=<copied dist>]
 *                        [--no-client-warm-up] [--rate=<requests/s per flow, paced; default as fast as answered>]
 *
 * Ours against Keycloak on this machine, with ONE load generator (this process) for both:
 * - client-credentials grant, 32 connections (our credentials-service vs a confidential Keycloak client
 *   with a service account);
 * - password sign-in, 8 connections, 8 users (argon2id m=19456 t=2 p=1 on both sides);
 * - refresh with rotation, 32 connections (single-use refresh tokens on both sides: each connection
 *   keeps its own token and replaces it with the one each answer returns).
 * Rounds interleave (ours, Keycloak, ours, Keycloak) after a warm-up of each (the JVM needs 10 s or
 * more). CPU per request is read from /proc for every process of each system, and the load generator's
 * own (bench/lib/load-client: one undici connection per virtual user) from this process, since it runs on
 * the same cores. Prints a table and writes bench/results/peers.json. Stops what it started, by process
 * group id, also on SIGINT/SIGTERM or an error (bench/lib/started-processes). Not part of npm test.
 * Ours runs WORKERS worker processes per service (default: one per core). With the sign-in flow, raw
 * argon2id verifications on all cores (same cost, a process of their own with one libuv thread per
 * core, nothing else running: bench/lib/raw-argon2) are measured after each round of ours, and our
 * sign-ins are compared with their mean; at the end, the resident memory of each of our processes. Each service's CPU is also
 * split into its processes' main threads (the event loops) and their other threads (libuv's pool,
 * where argon2 hashes, and V8's helpers). `--profile=<dir>` writes a V8 CPU profile of every process
 * of ours (workers included) into <dir> when it stops (/work/wt/tools/prof.cjs summarises one).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { KEYCLOAK_VERSION, type RunningKeycloak, startKeycloak } from './lib/keycloak';
import {
  type Answer,
  closeConnections,
  type LoadConnection,
  openConnection,
  openConnections,
  ownCpuMs,
  warmUpClient,
} from './lib/load-client';
import { Latencies, now, writeResults } from './lib/measure';
import { formatIdleRss, rssAtEndAndIdle } from './lib/process-stats';
import { type RawArgon2, rawArgon2PerSecond } from './lib/raw-argon2';
import { ensureBuilt, freePort } from './lib/service-process';
import { trackProcess } from './lib/started-processes';

const option = (name: string, fallback: string) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const SECONDS = Number(option('seconds', '20'));
const WARMUP = Number(option('warmup', '12'));
const ROUNDS = Number(option('rounds', '2'));
const FLOWS = option('flows', 'grant,signin,refresh').split(',');
const WITH_KEYCLOAK = !process.argv.includes('--no-keycloak');
const WORKERS = option('workers', String(availableParallelism()));
/** Unset: the services size their libuv pool themselves (threadPoolSizeFor in libs/service-kit). */
const THREADS = option('threads', '');
const PROFILE_DIR = option('profile', '');
/** More node flags for our services (workers get them too), e.g. --node-flags=--trace-gc with --logs. */
const NODE_FLAGS = option('node-flags', '').split(' ').filter(Boolean);
/** Where our services' stdout goes (<dir>/<service>.log); by default nowhere. */
const LOGS_DIR = option('logs', '');
/**
 * Runs the built services of another checkout, copied to <dir> (its `dist`), instead of building this
 * one: before/after pairs alternated in one worktree. Packages still come from this node_modules.
 */
const DIST_DIR = option('dist', '');
/**
 * Requests per second over all connections of a flow (each connection paced at rate/connections), or 0
 * for as fast as the system answers. A fixed rate compares CPU per request of two builds at the same
 * load (idle costs spread over as many requests, code warmed by as many calls) on a shared machine.
 */
const RATE = Number(option('rate', '0'));
const PASSWORD = 'correct horse battery staple 42';
const USERS = 8;
/** Hard bound on any one loop, whatever the clock says. */
const MAX_REQUESTS_PER_ROUND = 500_000;

// ---------------------------------------------------------------------------------------------- HTTP

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const JSON_TYPE = { 'content-type': 'application/json' };

/** What one request of a flow came to: whether it did what the flow expects, and its latency. */
interface Outcome {
  readonly ok: boolean;
  readonly ms: number;
}
const outcome = (answer: Answer, ok = answer.status === 200): Outcome => ({ ok, ms: answer.ms });

// ----------------------------------------------------------------------------------------------- CPU

/** User + system ticks and process group of a /proc stat line ("pid (comm) state ppid pgrp …"). */
function statTicks(file: string): { group: number; ticks: number } {
  const fields = readFileSync(file, 'utf8').split(') ')[1].split(' ');
  // After "pid (comm) ": state ppid pgrp … utime(14th field overall) stime(15th).
  return { group: Number(fields[2]), ticks: Number(fields[11]) + Number(fields[12]) };
}

/** CPU seconds (user + system) of every process in these process groups, from /proc. */
function cpuSecondsOfGroups(groups: readonly number[]): number {
  return cpuOfGroups(groups).all;
}

/**
 * CPU seconds of every process in these groups, and of their main threads alone (the thread whose id
 * is the process id: the event loop; the rest is libuv's pool, where argon2 runs, and V8's helpers).
 */
function cpuOfGroups(groups: readonly number[]): { all: number; main: number; wakes: number } {
  let all = 0;
  let main = 0;
  let wakes = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = statTicks(`/proc/${entry}/stat`);
      if (!groups.includes(stat.group)) continue;
      all += stat.ticks;
      main += statTicks(`/proc/${entry}/task/${entry}/stat`).ticks;
      wakes += voluntarySwitches(`/proc/${entry}/task/${entry}/status`);
    } catch {
      // the process ended while we looked
    }
  }
  return { all: all / 100, main: main / 100, wakes };
}

/**
 * How often a thread went to sleep and was woken again (voluntary context switches): for an event
 * loop, its wake-ups. Each costs an idle Node process 40-135 µs of CPU on this VM whatever it then
 * does, and CPU ticks (10 ms) are too coarse to show that per request; the count is exact.
 */
function voluntarySwitches(statusFile: string): number {
  return Number(
    /voluntary_ctxt_switches:\s+(\d+)/.exec(readFileSync(statusFile, 'utf8'))?.[1] ?? 0,
  );
}

/** This process's CPU seconds in its main thread (the load generator's event loop) and its wake-ups. */
function ownMainThread(): { cpu: number; wakes: number } {
  return {
    cpu: statTicks(`/proc/${process.pid}/task/${process.pid}/stat`).ticks / 100,
    wakes: voluntarySwitches(`/proc/${process.pid}/task/${process.pid}/status`),
  };
}

/** Resident memory (MiB) of every process in these process groups, by pid, from /proc. */
function rssOfGroups(
  groups: readonly number[],
): Array<{ pid: number; command: string; rssMiB: number }> {
  const found: Array<{ pid: number; command: string; rssMiB: number }> = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ');
      if (!groups.includes(Number(fields[2]))) continue;
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      const rssKiB = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      const command =
        readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean).slice(-1)[0] ??
        '';
      found.push({ pid: Number(entry), command, rssMiB: Math.round((rssKiB / 1024) * 10) / 10 });
    } catch {
      // the process ended while we looked
    }
  }
  return found;
}

/** A now() time (process.hrtime: CLOCK_MONOTONIC, the clock of V8 CPU profiles) in µs. */
const monotonicUs = (at: number) => Math.round(at * 1000);

// ---------------------------------------------------------------------------------------------- ours

interface System {
  readonly name: string;
  readonly groups: readonly number[];
  /** What each process group is (ours: the three services), for the CPU split per service. */
  readonly groupNames?: readonly string[];
  /** Where a flow's requests go. */
  origin(flow: string): string;
  /** One flow's operation on one virtual user's connection; each keeps its own state (its refresh token). */
  connection(
    flow: string,
    index: number,
    connection: LoadConnection,
  ): Promise<() => Promise<Outcome>>;
  stop(): Promise<void>;
}

async function waitHealthy(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`${url}: the service exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/health`)).ok) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not become healthy`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function startOurs(): Promise<System> {
  const dataDir = mkdtempSync(join(tmpdir(), 'peers-ours-'));
  const apps = ['profile-service', 'auth-service', 'credentials-service'];
  const ports = await Promise.all(apps.map(() => freePort()));
  const children = apps.map((app, i) =>
    spawn(
      process.execPath,
      // node:cluster gives the workers the primary's flags: every process writes its profile.
      [
        ...(PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${join(PROFILE_DIR, app)}`] : []),
        ...NODE_FLAGS,
        DIST_DIR ? join(DIST_DIR, 'apps', app, 'main.js') : ensureBuilt(app),
      ],
      {
        env: {
          ...process.env,
          DATA_DIR: dataDir,
          PORT: String(ports[i]),
          HOST: '127.0.0.1',
          LOG_LEVEL: 'info',
          WORKERS,
          ...(THREADS && { UV_THREADPOOL_SIZE: THREADS }),
          ...(DIST_DIR && { NODE_PATH: join(process.cwd(), 'node_modules') }),
        },
        stdio: [
          'ignore',
          LOGS_DIR ? openSync(join(LOGS_DIR, `${app}.log`), 'w') : 'ignore',
          'inherit',
        ],
        // Its own process group: the primary and its workers are stopped together, by the group's id.
        detached: true,
      },
    ),
  );
  const removeData = () => rmSync(dataDir, { recursive: true, force: true });
  const untrack = children.map((child) =>
    trackProcess(child.pid, { group: true, cleanup: removeData }),
  );
  const [profile, auth, credentials] = ports.map((port) => `http://127.0.0.1:${port}`);
  await Promise.all([profile, auth, credentials].map((url, i) => waitHealthy(url, children[i])));
  const setup = new Map(
    [profile, auth, credentials].map((url) => [url, openConnection(url)] as const),
  );
  const via = (base: string) => setup.get(base) as LoadConnection;

  const post = async (base: string, path: string, body: unknown, token?: string) => {
    const answer = await via(base).post(
      path,
      { ...JSON_TYPE, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      JSON.stringify(body),
    );
    if (answer.status >= 300) throw new Error(`POST ${path}: ${answer.status} ${answer.body}`);
    return JSON.parse(answer.body) as Record<string, any>;
  };
  /** The activation token: from the answer where it is still given, else from the dev outbox. */
  const activationToken = async (answer: Record<string, any>, email: string): Promise<string> => {
    const link = answer['activationLink'] ?? answer['administrator']?.['activationLink'];
    if (typeof link === 'string') return new URL(link).searchParams.get('token') as string;
    for (let attempt = 0; attempt < 50; attempt++) {
      const outbox = await via(auth).get('/dev/outbox');
      const text = outbox.body;
      const found = [...text.matchAll(/activate\?token=([A-Za-z0-9_-]+)/g)];
      const mine = JSON.parse(text) as unknown;
      const entries = Array.isArray(mine)
        ? mine
        : ((mine as { messages?: unknown[] }).messages ?? []);
      for (const entry of entries as Array<Record<string, unknown>>) {
        const match = JSON.stringify(entry).match(/activate\?token=([A-Za-z0-9_-]+)/);
        if (match && JSON.stringify(entry).includes(email)) return match[1];
      }
      if (found.length && attempt > 40) return found[found.length - 1][1];
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`no activation link for ${email}`);
  };
  /** auth-service learns of a new account from the store a moment later: retry an unknown token briefly. */
  const activate = async (answer: Record<string, any>, email: string) => {
    const token = await activationToken(answer, email);
    for (let attempt = 0; ; attempt++) {
      try {
        return await post(auth, '/auth/activate', { token, password: PASSWORD });
      } catch (error) {
        if (attempt >= 50) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  };

  const created = await post(profile, '/organizations', {
    name: 'Bench',
    administrator: {
      userName: 'benchadmin',
      firstName: 'Bench',
      lastName: 'Admin',
      email: 'benchadmin@example.com',
      timeZone: 'UTC',
    },
  });
  const orgId = created['organization']['id'] as string;
  await activate(created, 'benchadmin@example.com');
  const adminToken = (
    await post(auth, '/auth/login', { userName: 'benchadmin', password: PASSWORD })
  )['accessToken'] as string;
  for (let i = 0; i < USERS; i++) {
    const email = `benchuser${i}@example.com`;
    const account = await post(
      profile,
      `/organizations/${orgId}/accounts`,
      {
        userName: `benchuser${i}`,
        firstName: 'Bench',
        lastName: `User${i}`,
        email,
        accountType: 'standard',
      },
      adminToken,
    );
    await activate(account, email);
  }
  const credential = await post(
    credentials,
    '/api-credentials',
    { name: 'bench', scopes: ['profile:read'] },
    adminToken,
  ).catch(() => post(credentials, '/api-credentials', { name: 'bench' }, adminToken));
  const basic = `Basic ${Buffer.from(`${credential['clientId']}:${credential['secret']}`).toString('base64')}`;

  return {
    name: 'ours',
    groups: children.map((child) => child.pid as number),
    groupNames: apps,
    origin: (flow) => (flow === 'grant' ? credentials : auth),
    async connection(flow, index, connection) {
      if (flow === 'grant') {
        const headers = { ...FORM, authorization: basic };
        const body = form({ grant_type: 'client_credentials' });
        return async () => outcome(await connection.post('/oauth/token', headers, body));
      }
      const userName = `benchuser${index % USERS}`;
      const login = JSON.stringify({ userName, password: PASSWORD });
      if (flow === 'signin')
        return async () => outcome(await connection.post('/auth/login', JSON_TYPE, login));
      let refreshToken = JSON.parse((await connection.post('/auth/login', JSON_TYPE, login)).body)[
        'refreshToken'
      ] as string;
      return async () => {
        const answer = await connection.post(
          '/auth/refresh',
          JSON_TYPE,
          JSON.stringify({ refreshToken }),
        );
        if (answer.status !== 200) return outcome(answer);
        refreshToken = JSON.parse(answer.body)['refreshToken'];
        return outcome(answer);
      };
    },
    async stop() {
      await closeConnections([...setup.values()]);
      await Promise.all(
        children.map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null) return resolve();
              child.once('exit', () => resolve());
              process.kill(-(child.pid as number), 'SIGTERM');
            }),
        ),
      );
      untrack.forEach((forget) => forget());
      removeData();
    },
  };
}

// ------------------------------------------------------------------------------------------ Keycloak

function keycloakSystem(kc: RunningKeycloak): System {
  const basic = `Basic ${Buffer.from(`${kc.serviceClient.id}:${kc.serviceClient.secret}`).toString('base64')}`;
  return {
    name: 'keycloak',
    groups: [kc.pid],
    origin: () => kc.url,
    async connection(flow, index, connection) {
      if (flow === 'grant') {
        const headers = { ...FORM, authorization: basic };
        const body = form({ grant_type: 'client_credentials' });
        return async () => outcome(await connection.post(kc.tokenPath, headers, body));
      }
      const login = form({
        grant_type: 'password',
        client_id: kc.publicClient,
        username: `benchuser${index % USERS}`,
        password: PASSWORD,
        scope: 'openid',
      });
      if (flow === 'signin')
        return async () => outcome(await connection.post(kc.tokenPath, FORM, login));
      let refreshToken = JSON.parse((await connection.post(kc.tokenPath, FORM, login)).body)[
        'refresh_token'
      ] as string;
      return async () => {
        const answer = await connection.post(
          kc.tokenPath,
          FORM,
          form({
            grant_type: 'refresh_token',
            client_id: kc.publicClient,
            refresh_token: refreshToken,
          }),
        );
        if (answer.status !== 200) return outcome(answer);
        refreshToken = JSON.parse(answer.body)['refresh_token'];
        return outcome(answer);
      };
    },
    stop: () => kc.stop(),
  };
}

// ------------------------------------------------------------------------------------------- rounds

const CONNECTIONS: Record<string, number> = { grant: 32, signin: 8, refresh: 32 };

interface RoundResult {
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
  readonly cpuMsPerRequest: number;
  readonly cpuPercent: number;
  /** CPU per request of each process group (service), in the order of System.groups. */
  readonly cpuMsPerRequestByGroup: readonly number[];
  /** The same, of the groups' main threads only (event loops; without libuv's pool). */
  readonly mainThreadCpuMsPerRequestByGroup: readonly number[];
  /** Wake-ups of the groups' main threads (voluntary context switches) per request. */
  readonly mainThreadWakesPerRequestByGroup: readonly number[];
  /** CPU of this process (the load generator) per request sent, taken from the same cores. */
  readonly loadGeneratorCpuMsPerRequest: number;
  /** The kernel's share of it (system time: on loopback, sending also delivers to the receiver). */
  readonly loadGeneratorKernelShare: number;
  /** Its main thread's share (the rest: V8's GC and compiler threads, libuv's pool). */
  readonly loadGeneratorMainThreadShare: number;
  /** Its main thread's wake-ups per request. */
  readonly loadGeneratorWakesPerRequest: number;
}

async function round(system: System, flow: string, seconds: number): Promise<RoundResult> {
  const connections = openConnections(system.origin(flow), CONNECTIONS[flow]);
  const operations = await Promise.all(
    connections.map((connection, i) => system.connection(flow, i, connection)),
  );
  const latencies = new Latencies();
  let done = 0;
  let errors = 0;
  const cpuBefore = cpuSecondsOfGroups(system.groups);
  const groupCpuBefore = system.groups.map((group) => cpuOfGroups([group]));
  const ownCpuBefore = process.cpuUsage();
  const ownMainBefore = ownMainThread();
  const start = now();
  const end = start + seconds * 1000;
  const interval = RATE > 0 ? (1000 * operations.length) / RATE : 0;
  await Promise.all(
    operations.map(async (operation, i) => {
      let slot = start + (interval * i) / operations.length;
      while (now() < end && done + errors < MAX_REQUESTS_PER_ROUND) {
        if (interval > 0) {
          slot += interval;
          const wait = slot - interval - now();
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        }
        const result = await operation().catch(() => undefined);
        if (result?.ok) {
          done++;
          latencies.add(result.ms);
        } else errors++;
      }
    }),
  );
  const elapsed = (now() - start) / 1000;
  // The profiles' clock (CLOCK_MONOTONIC, µs), to cut the round out of a whole process's profile or log.
  if (PROFILE_DIR || LOGS_DIR)
    console.log(`  round window (monotonic µs): ${monotonicUs(start)} ${monotonicUs(now())}`);
  const ownCpu = ownCpuMs(ownCpuBefore);
  const ownKernelMs = process.cpuUsage(ownCpuBefore).system / 1000;
  const ownMainAfter = ownMainThread();
  const cpu = cpuSecondsOfGroups(system.groups) - cpuBefore;
  const groupCpuAfter = system.groups.map((group) => cpuOfGroups([group]));
  const groupCpu = groupCpuAfter.map((after, i) => after.all - groupCpuBefore[i].all);
  const groupMainCpu = groupCpuAfter.map((after, i) => after.main - groupCpuBefore[i].main);
  const groupWakes = groupCpuAfter.map((after, i) => after.wakes - groupCpuBefore[i].wakes);
  const sent = done + errors;
  await closeConnections(connections);
  return {
    perSecond: done / elapsed,
    p50: latencies.percentile(50),
    p99: latencies.percentile(99),
    errors,
    cpuMsPerRequest: done ? (cpu * 1000) / done : 0,
    cpuPercent: (cpu / elapsed) * 100,
    cpuMsPerRequestByGroup: groupCpu.map((c) => (done ? (c * 1000) / done : 0)),
    mainThreadCpuMsPerRequestByGroup: groupMainCpu.map((c) => (done ? (c * 1000) / done : 0)),
    mainThreadWakesPerRequestByGroup: groupWakes.map((w) => (done ? w / done : 0)),
    loadGeneratorCpuMsPerRequest: sent ? ownCpu / sent : 0,
    loadGeneratorKernelShare: ownCpu ? ownKernelMs / ownCpu : 0,
    loadGeneratorMainThreadShare: ownCpu
      ? Math.min(1, ((ownMainAfter.cpu - ownMainBefore.cpu) * 1000) / ownCpu)
      : 0,
    loadGeneratorWakesPerRequest: sent ? (ownMainAfter.wakes - ownMainBefore.wakes) / sent : 0,
  };
}

function mean(results: RoundResult[]): RoundResult {
  const avg = (pick: (r: RoundResult) => number) =>
    results.reduce((sum, r) => sum + pick(r), 0) / results.length;
  return {
    perSecond: avg((r) => r.perSecond),
    p50: avg((r) => r.p50),
    p99: avg((r) => r.p99),
    errors: results.reduce((sum, r) => sum + r.errors, 0),
    cpuMsPerRequest: avg((r) => r.cpuMsPerRequest),
    cpuPercent: avg((r) => r.cpuPercent),
    cpuMsPerRequestByGroup: (results[0]?.cpuMsPerRequestByGroup ?? []).map((_, i) =>
      avg((r) => r.cpuMsPerRequestByGroup[i]),
    ),
    mainThreadCpuMsPerRequestByGroup: (results[0]?.mainThreadCpuMsPerRequestByGroup ?? []).map(
      (_, i) => avg((r) => r.mainThreadCpuMsPerRequestByGroup[i]),
    ),
    mainThreadWakesPerRequestByGroup: (results[0]?.mainThreadWakesPerRequestByGroup ?? []).map(
      (_, i) => avg((r) => r.mainThreadWakesPerRequestByGroup[i]),
    ),
    loadGeneratorCpuMsPerRequest: avg((r) => r.loadGeneratorCpuMsPerRequest),
    loadGeneratorKernelShare: avg((r) => r.loadGeneratorKernelShare),
    loadGeneratorMainThreadShare: avg((r) => r.loadGeneratorMainThreadShare),
    loadGeneratorWakesPerRequest: avg((r) => r.loadGeneratorWakesPerRequest),
  };
}

/** "auth-service 21.30, profile-service 0.12, …" ms of CPU per request, where a system has several groups. */
const cpuSplit = (system: System, r: RoundResult) =>
  system.groupNames
    ? `   CPU per request by service (main threads): ${system.groupNames.map((name, i) => `${name} ${r.cpuMsPerRequestByGroup[i].toFixed(2)} ms (${r.mainThreadCpuMsPerRequestByGroup[i].toFixed(2)})`).join(', ')}; main-thread wake-ups per request: ${system.groupNames.map((name, i) => `${name} ${r.mainThreadWakesPerRequestByGroup[i].toFixed(2)}`).join(', ')}`
    : '';

const cell = (r?: RoundResult) =>
  r
    ? `${Math.round(r.perSecond).toLocaleString('en')}/s p50 ${r.p50.toFixed(1)} ms p99 ${r.p99.toFixed(1)} ms, ${r.errors} err, ${r.cpuMsPerRequest.toFixed(2)} ms CPU (${Math.round(r.cpuPercent)} %), load generator ${Math.round(r.loadGeneratorCpuMsPerRequest * 1000)} µs CPU (${Math.round(r.loadGeneratorKernelShare * 100)} % kernel, ${Math.round(r.loadGeneratorMainThreadShare * 100)} % main thread, ${r.loadGeneratorWakesPerRequest.toFixed(2)} wake-ups)`
    : '—';

async function main(): Promise<void> {
  const systems: System[] = [];
  const stopAll = async () => {
    for (const system of systems.splice(0)) await system.stop().catch(() => undefined);
  };
  try {
    console.log(
      `starting ours (three built services, embedded SQLite store, WORKERS=${WORKERS}${THREADS && `, UV_THREADPOOL_SIZE=${THREADS}`}) …`,
    );
    systems.push(await startOurs());
    // The client's own code optimised before any round (load-client.ts): the slow flows do not.
    if (!process.argv.includes('--no-client-warm-up')) await warmUpClient();
    if (WITH_KEYCLOAK) {
      console.log(`starting Keycloak ${KEYCLOAK_VERSION} (start-dev) …`);
      const users = Array.from({ length: USERS }, (_, i) => ({
        userName: `benchuser${i}`,
        password: PASSWORD,
      }));
      systems.push(keycloakSystem(await startKeycloak(await freePort(), users)));
    }
    let rawArgon2: number | undefined;
    const table: Array<{
      flow: string;
      connections: number;
      ours: RoundResult;
      keycloak?: RoundResult;
      ratio?: number;
    }> = [];
    for (const flow of FLOWS) {
      if (!CONNECTIONS[flow])
        throw new Error(`unknown flow ${flow}; flows: ${Object.keys(CONNECTIONS).join(', ')}`);
      for (const system of systems) {
        process.stdout.write(`${flow}: warming up ${system.name} for ${WARMUP} s … `);
        await round(system, flow, WARMUP);
        console.log('done');
      }
      const results = new Map<string, RoundResult[]>(systems.map((s) => [s.name, []]));
      const raws: RawArgon2[] = [];
      for (let r = 0; r < ROUNDS; r++) {
        for (const system of systems) {
          const result = await round(system, flow, SECONDS);
          results.get(system.name)?.push(result);
          console.log(
            `  ${flow} round ${r + 1} ${system.name.padEnd(8)} ${cell(result)}${cpuSplit(system, result)}`,
          );
        }
        if (flow === 'signin') {
          // Between the rounds, services idle: the bound argon2 sets on sign-ins, measured as often
          // as ours so that the machine's drift over the run weighs on both alike.
          const raw = await rawArgon2PerSecond(PASSWORD, Math.min(SECONDS, 15));
          raws.push(raw);
          console.log(
            `  ${flow} round ${r + 1} raw      ${Math.round(raw.perSecond)}/s argon2id verifications, ${raw.cpuMsPerVerification.toFixed(2)} ms CPU each (${raw.threads} threads, nothing else running)`,
          );
        }
      }
      const ours = mean(results.get('ours') ?? []);
      const keycloak = WITH_KEYCLOAK ? mean(results.get('keycloak') ?? []) : undefined;
      table.push({
        flow,
        connections: CONNECTIONS[flow],
        ours,
        keycloak,
        ratio: keycloak ? ours.perSecond / keycloak.perSecond : undefined,
      });
      if (flow === 'signin') {
        rawArgon2 = raws.reduce((sum, raw) => sum + raw.perSecond, 0) / raws.length;
        const rawCpu = raws.reduce((sum, raw) => sum + raw.cpuMsPerVerification, 0) / raws.length;
        console.log(
          `  raw argon2id verifications, all ${availableParallelism()} cores (mean of ${raws.length} rounds): ${Math.round(rawArgon2)}/s, ${rawCpu.toFixed(2)} ms CPU each; our sign-ins are ${((ours.perSecond / rawArgon2) * 100).toFixed(1)} % of that, at ${ours.cpuMsPerRequest.toFixed(2)} ms CPU each`,
        );
      }
    }
    const memory = rssOfGroups(systems.find((s) => s.name === 'ours')?.groups ?? []);
    // Nothing is sent meanwhile: idle workers give memory back (libs/service-kit idle-reclaim).
    const memoryIdle = await rssAtEndAndIdle(memory);
    console.log('\nresident memory of our processes after the benchmark (no request meanwhile):');
    for (const row of memoryIdle.processes)
      console.log(
        `  pid ${row.pid} ${row.command}: ${formatIdleRss(memoryIdle.afterSeconds, row.rssMiB, row.lastPssMiB)}`,
      );
    console.log('\n| flow | ours | Keycloak | ratio |\n|---|---|---|---|');
    for (const row of table) {
      console.log(
        `| ${row.flow}, ${row.connections} connections | ${cell(row.ours)} | ${cell(row.keycloak)} | ${row.ratio ? `${row.ratio.toFixed(2)}×` : '—'} |`,
      );
    }
    const file = writeResults('peers', [], {
      keycloak: KEYCLOAK_VERSION,
      seconds: SECONDS,
      warmup: WARMUP,
      rounds: ROUNDS,
      workers: Number(WORKERS),
      rawArgon2,
      table,
      memory,
      memoryIdle,
    });
    console.log(`\n${JSON.stringify(table)}\nwritten to ${file}`);
  } finally {
    await stopAll();
  }
}

// Keep-alive sockets would hold the process open: exit once everything started has stopped.
void main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
