/**
 * The least a password sign-in can be over HTTP in Node, for `npm run bench -- signin-ceiling`:
 * node:cluster workers (one libuv thread per core between them, as our services size theirs), each a
 * bare node:http server whose POST /auth/login parses the JSON body, finds the user's argon2id hash in
 * memory and verifies the password (m=19456, t=2, p=1). With CEILING_STORE=1 it then also does what a
 * sign-in cannot do without: one fsynced SQLite commit (WAL, synchronous=FULL) of three event rows
 * into a file every worker shares, and one EdDSA access token plus a random refresh token and its
 * SHA-256. No framework, no validation, no limiter, no log, no read model. GET /health answers 200 once
 * every worker listens (bench/lib/all-workers-listening).
 * Environment: PORT, WORKERS, CEILING_PASSWORD, CEILING_USERS, CEILING_STORE (0/1), CEILING_DIR.
 */
import * as argon2 from 'argon2';
import Database from 'better-sqlite3';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { type CeilingHandler, runCeilingCluster } from './ceiling-cluster';
import { grantPrincipal, grantTokenIssuer } from './raw-grant';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

// One libuv thread per core between the workers, as our services size theirs (threadPoolSizeFor).
runCeilingCluster(serve, (workers) => ({
  UV_THREADPOOL_SIZE: String(Math.max(1, Math.ceil(availableParallelism() / workers))),
}));

async function serve(): Promise<CeilingHandler> {
  const password = env('CEILING_PASSWORD');
  const users = new Map<string, string>();
  for (const userName of env('CEILING_USERS').split(','))
    users.set(
      userName,
      await argon2.hash(password, {
        type: argon2.argon2id,
        memoryCost: 19456,
        timeCost: 2,
        parallelism: 1,
      }),
    );
  const commit = process.env['CEILING_STORE'] === '1' ? openStore(env('CEILING_DIR')) : undefined;
  const issuer = await grantTokenIssuer();
  return async (body) => {
    const { userName, password: given } = JSON.parse(body) as Record<string, string>;
    const hash = users.get(userName);
    if (!hash || !(await argon2.verify(hash, given))) return [401, { error: 'invalid' }];
    if (!commit) return [200, { ok: true }];
    const sessionId = randomUUID();
    const refreshToken = randomBytes(32).toString('base64url');
    commit(userName, sessionId, createHash('sha256').update(refreshToken).digest('hex'));
    const { accessToken, expiresIn } = await issuer.issue(grantPrincipal(sessionId));
    return [200, { accessToken, refreshToken, expiresIn }];
  };
}

/** One durable commit of a sign-in's three events (sign-in, session, guard), in a file all workers share. */
function openStore(dir: string): (userName: string, sessionId: string, digest: string) => void {
  const db = new Database(join(dir, 'events.sqlite'));
  db.pragma('busy_timeout = 10000');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE IF NOT EXISTS events (position INTEGER PRIMARY KEY AUTOINCREMENT,
    stream_id TEXT NOT NULL, revision INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL,
    UNIQUE (stream_id, revision))`);
  const insert = db.prepare(
    'INSERT INTO events (stream_id, revision, type, data) VALUES (?, ?, ?, ?)',
  );
  const write = db.transaction((userName: string, sessionId: string, digest: string) => {
    const signinId = randomUUID();
    insert.run(`signin-${signinId}`, 0, 'SignInCompleted', JSON.stringify({ userName, sessionId }));
    insert.run(`session-${sessionId}`, 0, 'SessionStarted', JSON.stringify({ userName, digest }));
    insert.run(`guard-${signinId}`, 0, 'SignInSucceeded', JSON.stringify({ userName }));
  });
  return (userName, sessionId, digest) => write.immediate(userName, sessionId, digest);
}
