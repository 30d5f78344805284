// A throwaway PostgreSQL server for tests and benchmarks: the Debian server binaries, initdb into a temp
// folder, pg_ctl on a free loopback port. CommonJS so that jest tests and tools/test.mjs can require it.
// initdb and postgres refuse to run as root: as root the server runs as the `postgres` user.
'use strict';
const { spawnSync } = require('node:child_process');
const {
  chownSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} = require('node:fs');
const { freePort } = require('../free-port.cjs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const READY_TIMEOUT_MS = 60_000;

/** `$POSTGRES_BIN_DIR`, else the newest /usr/lib/postgresql/<version>/bin that has initdb and pg_ctl. */
function findBinDir() {
  if (process.env.POSTGRES_BIN_DIR) {
    const bin = process.env.POSTGRES_BIN_DIR;
    return existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'pg_ctl')) ? bin : undefined;
  }
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a));
  for (const v of versions) {
    const bin = join(root, v, 'bin');
    if (existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'pg_ctl'))) return bin;
  }
  return undefined;
}

/** The user the server runs as: ourselves, or `postgres` when we are root (initdb refuses root). */
function serverUser() {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return {};
  const id = (flag) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  const uid = id('-u');
  const gid = id('-g');
  if (uid.status !== 0 || gid.status !== 0) return undefined;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** Synchronous, for jest's skip decision at load time: `{ ok: true, binDir }` or the reason it cannot run. */
function postgresAvailability() {
  const binDir = findBinDir();
  if (!binDir && process.env.POSTGRES_BIN_DIR) {
    return {
      ok: false,
      reason: `POSTGRES_BIN_DIR=${process.env.POSTGRES_BIN_DIR} has no initdb and pg_ctl`,
    };
  }
  if (!binDir) {
    return {
      ok: false,
      reason:
        'no PostgreSQL server binaries (/usr/lib/postgresql/<version>/bin; apt-get install postgresql)',
    };
  }
  if (!serverUser())
    return {
      ok: false,
      reason: 'running as root and there is no postgres user to run the server as',
    };
  return { ok: true, binDir };
}

function run(binDir, user, command, args, options = {}) {
  const result = spawnSync(join(binDir, command), args, {
    encoding: 'utf8',
    timeout: options.timeoutMs ?? READY_TIMEOUT_MS,
    ...user,
    env: { ...process.env, LC_ALL: 'C', ...options.env },
  });
  if (result.status !== 0 && !options.allowFailure) {
    throw new Error(
      `${command} ${args.join(' ')} failed (${result.status ?? result.signal}): ${result.stderr || result.stdout}`,
    );
  }
  return result;
}

/**
 * Starts a server; resolves with its connection string once it accepts connections.
 * options: { port, dataDir (an existing cluster restarts), fsync (default true: durability is tested),
 *            maxConnections (default 200), settings: { name: value } extra postgresql.conf lines }.
 */
async function startPostgres(options = {}) {
  const availability = postgresAvailability();
  if (!availability.ok) throw new Error(`PostgreSQL cannot start: ${availability.reason}`);
  const { binDir } = availability;
  const user = serverUser();
  const fresh = !options.dataDir;
  const root = options.dataDir ?? mkdtempSync(join(tmpdir(), 'accounts-pg-'));
  const dataDir = join(root, 'data');
  const socketDir = root;
  if (user.uid !== undefined) chownSync(root, user.uid, user.gid);
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    run(
      binDir,
      user,
      'initdb',
      ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-sync'],
      {},
    );
    const settings = {
      listen_addresses: "'127.0.0.1'",
      unix_socket_directories: `'${socketDir}'`,
      max_connections: String(options.maxConnections ?? 200),
      fsync: options.fsync === false ? 'off' : 'on',
      synchronous_commit: options.fsync === false ? 'off' : 'on',
      full_page_writes: options.fsync === false ? 'off' : 'on',
      shared_buffers: "'128MB'",
      log_min_messages: 'warning',
      ...options.settings,
    };
    const conf = Object.entries(settings)
      .map(([k, v]) => `${k} = ${v}`)
      .join('\n');
    writeFileSync(join(dataDir, 'postgresql.auto.conf'), `${conf}\n`);
    if (user.uid !== undefined)
      chownSync(join(dataDir, 'postgresql.auto.conf'), user.uid, user.gid);
  }
  const port = options.port ?? (await freePort());
  const logFile = join(root, 'server.log');
  const startServer = () =>
    run(binDir, user, 'pg_ctl', [
      '-D',
      dataDir,
      '-l',
      logFile,
      '-w',
      '-t',
      String(READY_TIMEOUT_MS / 1000),
      '-o',
      `-p ${port}`,
      'start',
    ]);
  const readPid = () =>
    Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  startServer();
  let pid = readPid();
  const connectionString = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let stopped = false;
  const stop = async (stopOptions = {}) => {
    if (stopped) return;
    stopped = true;
    run(binDir, user, 'pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop'], {
      allowFailure: true,
    });
    if (fresh && stopOptions.keepData !== true) rmSync(root, { recursive: true, force: true });
  };
  // A test process that dies must not leave a server behind.
  const onExit = () => {
    if (!stopped)
      run(binDir, user, 'pg_ctl', ['-D', dataDir, '-m', 'immediate', 'stop'], {
        allowFailure: true,
        timeoutMs: 10_000,
      });
  };
  process.once('exit', onExit);
  return {
    connectionString,
    port,
    get pid() {
      return pid;
    },
    dataDir: root,
    logFile,
    /** A database of its own (createdb), for a test that wants an empty store. */
    async createDatabase(name) {
      run(binDir, user, 'createdb', [
        '-h',
        '127.0.0.1',
        '-p',
        String(port),
        '-U',
        'postgres',
        name,
      ]);
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    /** Starts it again on the same port and data, after a crash (kill -9) or a stop with keepData. */
    async restart() {
      run(binDir, user, 'pg_ctl', ['-D', dataDir, '-m', 'immediate', 'stop'], {
        allowFailure: true,
      });
      // Backends of a killed postmaster take a moment to notice and free the shared memory.
      for (let attempt = 1; ; attempt++) {
        try {
          startServer();
          break;
        } catch (error) {
          if (attempt >= 20) throw error;
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
      }
      pid = readPid();
      stopped = false;
    },
    async stop(stopOptions) {
      process.off('exit', onExit);
      await stop(stopOptions);
    },
  };
}

module.exports = { findBinDir, postgresAvailability, startPostgres };
