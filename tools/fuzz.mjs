#!/usr/bin/env node
// `npm run fuzz`: schemathesis (from PyPI, in a virtual environment this script creates and caches)
// against the OpenAPI documents of profile-, credentials- and auth-service, each started from source
// on a free port over one temporary data folder, with a real access token of a real administrator.
// Fails on any 5xx and on any answer that contradicts its documented schema.
//
//   node tools/fuzz.mjs              install if needed, then fuzz (FUZZ_MAX_TIME seconds per service)
//   node tools/fuzz.mjs install      only create the virtual environment (CI's install step)
//
// Environment: FUZZ_VENV (default ~/.cache/accounts-fuzz/venv), FUZZ_MAX_TIME (default 90 s per
// service, at most 240: an access token lives 300 s), FUZZ_SERVICES (default
// profile-service,credentials-service,auth-service), FUZZ_SEED, FUZZ_WORKERS (default 1: with more, hypothesis's parallel
// ast.parse trips a CPython 3.11 bug, "AST constructor recursion depth mismatch"),
// FUZZ_KEEP=1 keeps the data folder and the service logs.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const { freePort } = createRequire(import.meta.url)('./free-port.cjs');

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const venv = process.env.FUZZ_VENV ?? join(homedir(), '.cache', 'accounts-fuzz', 'venv');
const schemathesis = join(venv, 'bin', 'schemathesis');
// Pinned to a major version: its CLI options are part of this script.
const PACKAGE = 'schemathesis>=4.32,<5';
const maxTime = Math.min(240, Number(process.env.FUZZ_MAX_TIME ?? 90));
const PASSWORD = 'fuzzing passphrase that is long 42';
const children = [];

main().then(
  (code) => finish(code),
  (error) => {
    console.error(`fuzz: ${error instanceof Error ? error.message : String(error)}`);
    finish(1);
  },
);

async function main() {
  if (!installed()) install();
  if (process.argv[2] === 'install') return 0;
  const dataDir = mkdtempSync(join(tmpdir(), 'accounts-fuzz-'));
  const selected = (
    process.env.FUZZ_SERVICES ?? 'profile-service,credentials-service,auth-service'
  ).split(',');
  const ports = {};
  for (const name of ['profile-service', 'auth-service', 'credentials-service'])
    ports[name] = await freePort();
  const bootstrapToken = `fuzz-bootstrap-${process.pid}-${Date.now()}`;
  const env = {
    DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    // One process per service: the fuzzer checks answers, not the cluster (cluster.process.spec does).
    WORKERS: '1',
    BOOTSTRAP_TOKEN: bootstrapToken,
    // The fuzzer signs in with random names from one address: budgets would turn everything into 429.
    SIGN_IN_FAILURES_PER_ADDRESS: '1000000',
    CODE_FAILURES_PER_ADDRESS: '1000000',
    CODE_SENDS_PER_ADDRESS: '1000000',
  };
  for (const [name, port] of Object.entries(ports)) start(name, port, env, dataDir);
  const url = (name) => `http://127.0.0.1:${ports[name]}`;
  await Promise.all(Object.keys(ports).map((name) => healthy(name, url(name))));

  const failed = [];
  for (const name of selected) {
    // A fresh organization and administrator per service: what one run does to its account (a
    // changed method, a wrong current password) does not spill into the next one.
    const token = await administratorToken(
      url('profile-service'),
      url('auth-service'),
      bootstrapToken,
      name,
    );
    console.log(`\n=== schemathesis against ${name} (${url(name)}/docs-json, ${maxTime} s)`);
    const code = await run(schemathesis, [
      'run',
      `${url(name)}/docs-json`,
      '--checks',
      'not_a_server_error,response_schema_conformance',
      '--header',
      `Authorization: Bearer ${token}`,
      '--max-time',
      String(maxTime),
      '--workers',
      process.env.FUZZ_WORKERS ?? '1',
      '--request-timeout',
      '10',
      '--suppress-health-check',
      'all',
      '--exclude-path',
      '/auth/logout',
      ...(process.env.FUZZ_SEED ? ['--seed', process.env.FUZZ_SEED] : []),
    ]);
    if (code !== 0) failed.push(name);
  }
  if (process.env.FUZZ_KEEP === '1') console.log(`data folder and logs kept in ${dataDir}`);
  else rmSync(dataDir, { recursive: true, force: true });
  console.log(
    failed.length
      ? `\nfuzz: FAILED for ${failed.join(', ')}`
      : '\nfuzz: no 5xx and no answer contradicting its schema',
  );
  return failed.length ? 1 : 0;
}

function installed() {
  return (
    existsSync(schemathesis) &&
    spawnSync(schemathesis, ['--version'], { stdio: 'ignore' }).status === 0
  );
}

/** python3 -m venv + pip install; exit code 2 (distinct from a fuzz failure) when PyPI cannot be reached. */
function install() {
  console.log(`fuzz: installing ${PACKAGE} into ${venv}`);
  mkdirSync(dirname(venv), { recursive: true });
  const steps = [
    ['python3', ['-m', 'venv', venv]],
    [
      join(venv, 'bin', 'pip'),
      ['install', '--quiet', '--disable-pip-version-check', '--timeout', '30', PACKAGE],
    ],
  ];
  for (const [command, args] of steps) {
    const result = spawnSync(command, args, { stdio: 'inherit' });
    if (result.status !== 0) {
      console.error(
        `fuzz: '${command} ${args.join(' ')}' failed: is python3 there and PyPI reachable?`,
      );
      rmSync(venv, { recursive: true, force: true });
      process.exit(2);
    }
  }
}

function start(name, port, env, dataDir) {
  const log = openSync(join(dataDir, `${name}.log`), 'a');
  const child = spawn(
    process.execPath,
    ['-r', '@swc-node/register', join(root, 'apps', name, 'src', 'main.ts')],
    {
      cwd: root,
      env: {
        ...process.env,
        ...env,
        PORT: String(port),
        TS_NODE_PROJECT: join(root, 'tsconfig.base.json'),
      },
      stdio: ['ignore', log, log],
    },
  );
  child.on('exit', (code, signal) => {
    if (!stopping)
      console.error(
        `fuzz: ${name} exited (${signal ?? code}); see ${join(dataDir, `${name}.log`)}`,
      );
  });
  children.push(child);
}

async function healthy(name, base) {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${base}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(500);
  }
  throw new Error(`${name} did not answer ${base}/health within 60 s`);
}

/** A new organization (bootstrap token), its administrator activated and signed in: the access token. */
async function administratorToken(profile, auth, bootstrapToken, label) {
  const userName = `fuzz${label.replace(/[^a-z]/g, '')}${Date.now() % 100000}`;
  const created = await json(`${profile}/organizations`, {
    headers: { 'X-Bootstrap-Token': bootstrapToken },
    body: {
      name: `Fuzz ${label}`,
      administrator: {
        userName,
        firstName: 'Fuzz',
        lastName: 'Admin',
        email: `${userName}@example.com`,
        timeZone: 'UTC',
      },
    },
  });
  if (created.status !== 201)
    throw new Error(`POST /organizations: ${created.status} ${JSON.stringify(created.body)}`);
  const token = new URL(created.body.administrator.activationLink).searchParams.get('token');
  // auth-service learns of the account from the shared store a moment later.
  for (let i = 0; ; i++) {
    const activated = await json(`${auth}/auth/activate`, {
      body: { token, password: PASSWORD },
    });
    if (activated.status === 200) break;
    if (i >= 50)
      throw new Error(`POST /auth/activate: ${activated.status} ${JSON.stringify(activated.body)}`);
    await sleep(200);
  }
  const login = await json(`${auth}/auth/login`, {
    body: { userName, password: PASSWORD },
  });
  if (!login.body?.accessToken)
    throw new Error(`POST /auth/login: ${login.status} ${JSON.stringify(login.body)}`);
  return login.body.accessToken;
}

async function json(url, { headers = {}, body }) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json().catch(() => null) };
}

function run(command, args) {
  return new Promise((done) => {
    const child = spawn(command, args, {
      stdio: 'inherit',
      env: { ...process.env, NO_COLOR: '1' },
    });
    child.on('exit', (code) => done(code ?? 1));
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let stopping = false;
function finish(code) {
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exitCode = code;
  setTimeout(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    process.exit(code);
  }, 8000).unref();
}
process.on('SIGINT', () => finish(130));
process.on('SIGTERM', () => finish(143));
