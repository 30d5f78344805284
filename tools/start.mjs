#!/usr/bin/env node
// `npm start`: builds the three services and the web page, runs them on one machine against one data
// folder, waits until each answers /health, starts the web gateway (page + /api proxies) on 3000,
// prints the web URL first, and stops them all cleanly on Ctrl-C.
//
// Environment: DATA_DIR (default ./data), HOST (default 127.0.0.1), PROFILE_SERVICE_PORT,
// AUTH_SERVICE_PORT, CREDENTIALS_SERVICE_PORT (defaults 3001-3003), WEB_PORT (default 3000),
// AUDIT_PORT (3004, proxied at /api/audit), SKIP_BUILD=1 to reuse dist/,
// LOG_FORMAT=json for raw JSON log lines. Every other variable is passed on to the services, e.g.
// WORKERS (worker processes per service; default: one per core, WORKERS=1 for single processes).
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SERVICES = [
  { name: 'profile-service', port: process.env.PROFILE_SERVICE_PORT ?? '3001', color: 36 },
  { name: 'auth-service', port: process.env.AUTH_SERVICE_PORT ?? '3002', color: 35 },
  { name: 'credentials-service', port: process.env.CREDENTIALS_SERVICE_PORT ?? '3003', color: 33 },
  {
    name: 'audit',
    port: process.env.AUDIT_PORT ?? process.env.AUDIT_SERVICE_PORT ?? '3004',
    color: 32,
  },
];
const WEB_PORT = process.env.WEB_PORT ?? '3000';
/** The gateway starts once the services answer; it is not a service of SERVICES (no /health of its own). */
const GATEWAY = { name: 'web', port: WEB_PORT, color: 32 };
const START_TIMEOUT_MS = 60_000;
/** Services get SHUTDOWN_TIMEOUT_MS for requests and again for hooks; then they are killed. */
const STOP_TIMEOUT_MS = 20_000;
const host = process.env.HOST ?? '127.0.0.1';
const browseHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
const dataDir = resolve(process.env.DATA_DIR ?? join(root, 'data'));
const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code, text) => (useColor ? `\x1b[${code}m${text}\x1b[0m` : text);

const children = new Map(); // name -> { child, lastLines }
let buildChild;
let stopping = false;

main().catch((error) => fail(error instanceof Error ? error.message : String(error)));

async function main() {
  process.on('SIGINT', () => stopAll('SIGINT', 0));
  process.on('SIGTERM', () => stopAll('SIGTERM', 0));
  // Activation and reset links in emails point at the page.
  process.env.WEB_ORIGIN ??= `http://localhost:${WEB_PORT}`;
  // Requests arrive through the gateway on loopback: the services count attempts per the address it forwards.
  process.env.TRUST_PROXY ??= 'loopback';
  console.log(
    paint(1, `Account page: http://localhost:${WEB_PORT} (once everything below has started)`),
  );
  if (process.env.SKIP_BUILD !== '1') await build();
  if (stopping) return;
  mkdirSync(dataDir, { recursive: true });
  // Children run in their own process group (so Ctrl-C reaches them once, through us); if this
  // process dies anyway, take them down with it.
  process.on('exit', () =>
    children.forEach(({ child }) => child.exitCode === null && child.kill('SIGKILL')),
  );

  const format = logFormatter();
  for (const service of SERVICES) startService(service, format);
  await Promise.all(SERVICES.map(waitUntilHealthy));
  if (stopping) return;
  const at = (port) => `http://${browseHost}:${port}`;
  startService(GATEWAY, format, {
    PROFILE_SERVICE_URL: at(SERVICES[0].port),
    AUTH_SERVICE_URL: at(SERVICES[1].port),
    CREDENTIALS_SERVICE_URL: at(SERVICES[2].port),
    AUDIT_SERVICE_URL: at(SERVICES[3].port),
  });
  await waitUntilAnswering(`${at(GATEWAY.port)}/`, GATEWAY.name);
  if (!stopping) printSummary();
}

async function build() {
  console.log(paint(1, `Building ${SERVICES.map((s) => s.name).join(', ')} and the web page…`));
  buildChild = spawn(
    'npx',
    ['nx', 'run-many', '-t', 'build', '-p', ...SERVICES.map((s) => s.name), GATEWAY.name],
    {
      cwd: root,
      stdio: 'inherit',
      env: process.env,
    },
  );
  const [code, signal] = await new Promise((done) =>
    buildChild.once('exit', (...result) => done(result)),
  );
  buildChild = undefined;
  if (!stopping && code !== 0) return fail(`the build failed (${signal ?? `exit code ${code}`})`);
}

function startService(service, format, extraEnv = {}) {
  const child = spawn(process.execPath, [join(root, 'dist/apps', service.name, 'main.js')], {
    cwd: root,
    env: { ...process.env, PORT: service.port, HOST: host, DATA_DIR: dataDir, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const entry = { child, lastLines: [], lastError: undefined };
  children.set(service.name, entry);
  const prefix = paint(service.color, service.name.padEnd(20)) + ' │ ';
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      entry.lastLines = [...entry.lastLines.slice(-4), line];
      entry.lastError = errorOf(line) ?? entry.lastError;
      console.log(prefix + format(line));
    });
  }
  child.on('exit', (code, signal) => {
    if (stopping) return;
    const why = signal ? `was killed by ${signal}` : `exited with code ${code}`;
    const reason = entry.lastError ?? entry.lastLines.join('\n    ');
    console.error(
      paint(31, `\n${service.name} ${why}; stopping the others.`) +
        (reason ? `\n  reason: ${reason}` : ''),
    );
    stopAll('SIGTERM', 1);
  });
}

function waitUntilHealthy(service) {
  return waitUntilAnswering(`http://${browseHost}:${service.port}/health`, service.name);
}

async function waitUntilAnswering(url, name) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (stopping) return new Promise(() => undefined); // the exit handler reports why
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) return;
      last = `${res.status} ${await res.text()}`;
    } catch (error) {
      last = error.cause?.code ?? error.message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return fail(
    `${name} did not become healthy within ${START_TIMEOUT_MS / 1000} s at ${url} (last: ${last})`,
  );
}

function printSummary() {
  const rows = SERVICES.map((s) => {
    const base = `http://${browseHost}:${s.port}`;
    return `  ${s.name.padEnd(20)} ${base.padEnd(24)} ${base}/docs`;
  });
  console.log(
    [
      '',
      paint(1, `  Open the account page: http://localhost:${GATEWAY.port}`),
      '',
      paint(1, '  service              URL                      API docs'),
      ...rows,
      '',
      `  data folder: ${dataDir}`,
      '  Ctrl-C stops everything.',
      '',
    ].join('\n'),
  );
}

async function stopAll(signal, exitCode) {
  if (stopping) return; // npm forwards the terminal's Ctrl-C too: one shutdown is enough
  stopping = true;
  if (exitCode === 0)
    console.log(paint(1, `\n${signal}: stopping ${buildChild ? 'the build' : 'the services'}…`));
  const running = [...children.values(), ...(buildChild ? [{ child: buildChild }] : [])].filter(
    ({ child }) => child.exitCode === null && child.signalCode === null,
  );
  const killTimer = setTimeout(() => {
    console.error(
      paint(31, `services still running after ${STOP_TIMEOUT_MS / 1000} s: killing them`),
    );
    running.forEach(({ child }) => child.kill('SIGKILL'));
  }, STOP_TIMEOUT_MS);
  await Promise.all(
    running.map(
      ({ child }) =>
        new Promise((done) => {
          child.once('exit', done);
          child.kill('SIGTERM');
        }),
    ),
  );
  clearTimeout(killTimer);
  if (exitCode === 0) console.log('Stopped.');
  process.exit(exitCode);
}

function fail(reason) {
  console.error(paint(31, `npm start: ${reason}`));
  if (children.size > 0) stopAll('SIGTERM', 1);
  else process.exit(1);
}

/** pino-pretty when installed, otherwise a compact "time level [context] message" line. */
function logFormatter() {
  if (process.env.LOG_FORMAT === 'json') return (line) => line;
  try {
    const { prettyFactory } = createRequire(join(root, 'package.json'))('pino-pretty');
    const pretty = prettyFactory({
      colorize: useColor,
      ignore: 'pid,hostname,service,req,res',
      singleLine: true,
    });
    return (line) => (line.startsWith('{') ? pretty(line).trimEnd() : line);
  } catch {
    return compactLogLine;
  }
}

/** The message of an error/fatal JSON log line, to say why a service stopped. */
function errorOf(line) {
  try {
    const entry = JSON.parse(line);
    if (entry.level !== 'error' && entry.level !== 'fatal') return undefined;
    return [entry.msg, entry.err?.message].filter(Boolean).join(': ');
  } catch {
    return undefined;
  }
}

const LEVEL_COLORS = { trace: 90, debug: 90, info: 32, warn: 33, error: 31, fatal: 41 };

function compactLogLine(line) {
  let entry;
  try {
    entry = JSON.parse(line);
  } catch {
    return line;
  }
  if (typeof entry !== 'object' || entry === null) return line;
  const level = String(entry.level ?? 'info');
  const time = typeof entry.time === 'string' ? entry.time.slice(11, 19) : '';
  const context = entry.context ? paint(90, `[${entry.context}] `) : '';
  const correlation = entry.correlationId ? paint(90, ` ‹${entry.correlationId}›`) : '';
  const stack = entry.err?.stack ? `\n${entry.err.stack.replace(/^/gm, '      ')}` : '';
  return `${time} ${paint(LEVEL_COLORS[level] ?? 0, level.toUpperCase().padEnd(5))} ${context}${entry.msg ?? ''}${correlation}${stack}`;
}
