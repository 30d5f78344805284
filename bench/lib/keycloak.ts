/**
 * Keycloak as a peer for benchmarks: the server distribution from Maven Central
 * (org.keycloak:keycloak-quarkus-dist, run on the installed Java 17), cached like the Kafka jars,
 * started in dev mode on a free loopback port, and a realm configured the way ours is.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { trackProcess } from './started-processes';

export const KEYCLOAK_VERSION = '26.7.3';
const CACHE = process.env['KEYCLOAK_CACHE_DIR'] ?? join(homedir(), '.cache', 'accounts-keycloak');

/** The same argon2id cost as ours (m=19456 KiB, t=2, p=1). */
export const ARGON2_OPTIONS = [
  '--spi-password-hashing--argon2--memory=19456',
  '--spi-password-hashing--argon2--iterations=2',
  '--spi-password-hashing--argon2--parallelism=1',
];

export interface KeycloakUser {
  readonly userName: string;
  readonly password: string;
}

export interface RunningKeycloak {
  readonly url: string;
  readonly realm: string;
  readonly pid: number;
  readonly tokenPath: string;
  readonly serviceClient: { id: string; secret: string };
  readonly publicClient: string;
  stop(): Promise<void>;
}

/** Unzips the distribution into the cache once (mvn dependency:get fetches it into ~/.m2). */
export function installKeycloak(): string {
  const home = join(CACHE, `keycloak-${KEYCLOAK_VERSION}`);
  if (existsSync(join(home, 'bin', 'kc.sh'))) return home;
  mkdirSync(CACHE, { recursive: true });
  const artifact = `org.keycloak:keycloak-quarkus-dist:${KEYCLOAK_VERSION}:zip`;
  console.log(`fetching ${artifact} from Maven Central …`);
  const get = spawnSync(
    'mvn',
    ['-q', 'dependency:get', `-Dartifact=${artifact}`, '-Dtransitive=false'],
    { stdio: 'inherit' },
  );
  if (get.status !== 0) throw new Error(`mvn dependency:get ${artifact} failed`);
  const zip = join(
    homedir(),
    '.m2',
    'repository',
    'org',
    'keycloak',
    'keycloak-quarkus-dist',
    KEYCLOAK_VERSION,
    `keycloak-quarkus-dist-${KEYCLOAK_VERSION}.zip`,
  );
  const unzip = spawnSync(
    'python3',
    ['-c', 'import sys,zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])', zip, CACHE],
    { stdio: 'inherit' },
  );
  if (unzip.status !== 0 || !existsSync(join(home, 'bin', 'kc.sh')))
    throw new Error(`could not unzip ${zip}`);
  spawnSync('chmod', ['+x', join(home, 'bin', 'kc.sh')]);
  return home;
}

async function waitFor(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Keycloak exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline)
      throw new Error(`Keycloak did not answer ${url} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function json(response: Response, what: string): Promise<Record<string, unknown>> {
  if (!response.ok) throw new Error(`${what}: ${response.status} ${await response.text()}`);
  const text = await response.text();
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/** Starts Keycloak in dev mode with a realm like ours: 300 s access tokens, single-use refresh tokens. */
export async function startKeycloak(
  port: number,
  users: readonly KeycloakUser[],
): Promise<RunningKeycloak> {
  const home = installKeycloak();
  const dataDir = mkdtempSync(join(tmpdir(), 'keycloak-bench-'));
  const logFile = join(dataDir, 'keycloak.log');
  const log = openSync(logFile, 'a');
  const child = spawn(
    join(home, 'bin', 'kc.sh'),
    [
      'start-dev',
      `--http-port=${port}`,
      '--http-host=127.0.0.1',
      '--hostname-strict=false',
      '--cache=local',
      ...ARGON2_OPTIONS,
    ],
    {
      env: {
        ...process.env,
        KC_BOOTSTRAP_ADMIN_USERNAME: 'admin',
        KC_BOOTSTRAP_ADMIN_PASSWORD: 'admin',
        KC_DB: 'dev-file',
        KC_LOG_LEVEL: 'info',
      },
      stdio: ['ignore', log, log],
      detached: true,
    },
  );
  const url = `http://127.0.0.1:${port}`;
  // Dev mode keeps its H2 database in the distribution's data/ folder: start the next run clean.
  const removeData = () => {
    rmSync(join(home, 'data', 'h2'), { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  };
  // Stopped by its group id if the benchmark is interrupted, even while Keycloak is still starting.
  const untrack = trackProcess(child.pid, { group: true, cleanup: removeData });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) {
        untrack();
        return resolve();
      }
      child.once('exit', () => {
        untrack();
        removeData();
        resolve();
      });
      // kc.sh execs java in the same process group: stop the group by its id.
      process.kill(-(child.pid as number), 'SIGTERM');
      setTimeout(
        () => child.exitCode === null && process.kill(-(child.pid as number), 'SIGKILL'),
        20_000,
      ).unref();
    });
  try {
    // The first start of a distribution also builds it: minutes on a busy 2-core machine.
    await waitFor(`${url}/realms/master`, child, 420_000);
    const admin = await json(
      await fetch(`${url}/realms/master/protocol/openid-connect/token`, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'password',
          client_id: 'admin-cli',
          username: 'admin',
          password: 'admin',
        }),
      }),
      'admin token',
    );
    const auth = {
      Authorization: `Bearer ${admin['access_token']}`,
      'Content-Type': 'application/json',
    };
    const realm = 'bench';
    const secret = 'bench-service-secret-0123456789abcdef';
    await json(
      await fetch(`${url}/admin/realms`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({
          realm,
          enabled: true,
          accessTokenLifespan: 300,
          revokeRefreshToken: true,
          refreshTokenMaxReuse: 0,
          passwordPolicy: 'hashAlgorithm(argon2)',
          bruteForceProtected: false,
          clients: [
            {
              clientId: 'bench-service',
              secret,
              publicClient: false,
              serviceAccountsEnabled: true,
              standardFlowEnabled: false,
              directAccessGrantsEnabled: false,
            },
            {
              clientId: 'bench-public',
              publicClient: true,
              directAccessGrantsEnabled: true,
              standardFlowEnabled: false,
            },
          ],
          users: users.map((user, i) => ({
            username: user.userName,
            enabled: true,
            emailVerified: true,
            firstName: 'Bench',
            lastName: `User${i}`,
            email: `${user.userName}@example.com`,
            credentials: [{ type: 'password', value: user.password, temporary: false }],
          })),
        }),
      }),
      'create realm',
    );
    return {
      url,
      realm,
      pid: child.pid as number,
      tokenPath: `/realms/${realm}/protocol/openid-connect/token`,
      serviceClient: { id: 'bench-service', secret },
      publicClient: 'bench-public',
      stop,
    };
  } catch (error) {
    console.error(
      `Keycloak's last log lines (${logFile}):\n${readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n')}`,
    );
    await stop();
    throw error;
  }
}
