// A single-node Apache Kafka 4 broker (KRaft, combined broker+controller on 127.0.0.1) run from the
// jars on Maven Central. CommonJS so that jest tests can require it; kafka.mjs is the command line.
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const {
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  closeSync,
} = require('node:fs');
const { freePort } = require('../free-port.cjs');
const { classArchive } = require('./class-archive.cjs');
const { homedir, tmpdir } = require('node:os');
const { join } = require('node:path');

const here = __dirname;
const DEFAULT_VERSION = '4.4.0';
const READY_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 20_000;

const version = () => process.env.KAFKA_VERSION || DEFAULT_VERSION;

/** `$KAFKA_CACHE_DIR` or `~/.cache/accounts-kafka` (XDG); jars go to `<cache>/<version>/libs`. */
function cacheRoot() {
  if (process.env.KAFKA_CACHE_DIR) return process.env.KAFKA_CACHE_DIR;
  const xdg = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(xdg, 'accounts-kafka');
}

const libsDir = (v = version()) => join(cacheRoot(), v, 'libs');
const isInstalled = (v = version()) => existsSync(join(libsDir(v), '.complete'));

function javaCommand() {
  return process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
}

function commandWorks(command, args) {
  const result = spawnSync(command, args, { stdio: 'ignore', timeout: 30_000 });
  return result.status === 0;
}

/**
 * Synchronous check for test files (jest decides skip at load time): `{ ok: true }` or the reason
 * the broker cannot run here.
 */
function kafkaAvailability() {
  if (!commandWorks(javaCommand(), ['-version']))
    return { ok: false, reason: 'Java 17+ is not installed (java not found)' };
  if (!isInstalled() && !commandWorks('mvn', ['-v']))
    return {
      ok: false,
      reason: `Kafka jars are not cached in ${libsDir()} and Maven (mvn) is not installed`,
    };
  return { ok: true };
}

function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: options.quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
      ...options,
    });
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve(output)
        : reject(
            new Error(`${command} ${args.join(' ')} exited with ${code}\n${output.slice(-4000)}`),
          ),
    );
  });
}

/** Resolves the broker's jars with Maven into the cache (once per version); returns the libs folder. */
async function installKafka(options = {}) {
  const v = options.version || version();
  const target = libsDir(v);
  if (isInstalled(v)) return target;
  const staging = `${target}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  await run(
    'mvn',
    [
      '-B',
      ...(options.quiet === false ? [] : ['-q']),
      '-f',
      join(here, 'pom.xml'),
      'dependency:copy-dependencies',
      `-Dkafka.version=${v}`,
      '-DincludeScope=runtime',
      `-DoutputDirectory=${staging}`,
    ],
    { quiet: options.quiet !== false },
  );
  writeFileSync(join(staging, '.complete'), `${new Date().toISOString()}\n`);
  rmSync(target, { recursive: true, force: true });
  // Two installs racing (parallel jest workers): the first rename wins, the other finds it done.
  try {
    renameSync(staging, target);
  } catch (error) {
    if (!isInstalled(v)) throw error;
    rmSync(staging, { recursive: true, force: true });
  }
  return target;
}

/** Small, fast, single-node settings: every internal topic has one replica and few partitions. */
function serverProperties({ port, controllerPort, dataDir }) {
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    `log.dirs=${join(dataDir, 'logs')}`,
    'num.partitions=3',
    'default.replication.factor=1',
    'min.insync.replicas=1',
    'auto.create.topics.enable=false',
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'transaction.state.log.num.partitions=1',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
    'share.coordinator.state.topic.num.partitions=1',
    'group.initial.rebalance.delay.ms=0',
    // Tests restart consumers after SIGKILL: a short minimum session lets the dead member go quickly.
    'group.min.session.timeout.ms=1000',
    'num.network.threads=2',
    'num.io.threads=2',
    'num.recovery.threads.per.data.dir=1',
    'log.retention.hours=-1',
    'broker.heartbeat.interval.ms=500',
    'broker.session.timeout.ms=3000',
    '',
  ].join('\n');
}

function readState(dataDir) {
  const file = join(dataDir, 'kafka.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}

function isAlive(pid) {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function java(args, options = {}) {
  return run(javaCommand(), args, { quiet: true, ...options });
}

/** Formats the storage once per data folder: a restart keeps the topics and the offsets. */
async function formatStorage(dataDir, classpath, configFile, state) {
  if (existsSync(join(dataDir, 'logs', 'meta.properties'))) return;
  const archive = classArchive(join(cacheRoot(), state.version), 'storage-tool', javaCommand());
  // A short-lived JVM: C1 only starts faster (3.5 s -> 2.2 s).
  let formatted = false;
  try {
    await java([
      '-XX:TieredStopAtLevel=1',
      '-XX:+UseSerialGC',
      ...archive.flags,
      '-cp',
      classpath,
      'kafka.tools.StorageTool',
      'format',
      '-t',
      state.clusterId,
      '-c',
      configFile,
      '--ignore-formatted',
    ]);
    formatted = true;
  } finally {
    archive.settle(formatted);
  }
}

function randomClusterId() {
  // 16 random bytes, base64url without padding: the format Kafka's random-uuid prints. One that starts
  // with '-' would be read by kafka-storage as an option ("--cluster-id: expected one argument").
  for (;;) {
    const id = require('node:crypto').randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

async function waitUntilReady(brokers, child, deadline, logFile) {
  const { Kafka, logLevel } = require('kafkajs');
  let lastError;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `Kafka exited during start (${child.exitCode ?? child.signalCode}); log:\n${tail(logFile)}`,
      );
    }
    const admin = new Kafka({
      brokers: [brokers],
      clientId: 'kafka-harness',
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
    }).admin();
    try {
      await admin.connect();
      const cluster = await admin.describeCluster();
      // The group coordinator loads on first use (it creates __consumer_offsets): ready means groups work too.
      if (cluster.brokers.length > 0 && cluster.controller !== null) {
        await admin.fetchOffsets({ groupId: 'kafka-harness-ready', topics: [] });
        return;
      }
    } catch (error) {
      lastError = error;
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(
    `Kafka did not accept connections in time (${lastError?.message}); log:\n${tail(logFile)}`,
  );
}

function tail(file) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-40).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * Kills the broker when `parentPid` goes away (a jest worker that crashed): a plain shell loop,
 * detached, so no broker outlives the tests that started it.
 */
function startWatchdog(parentPid, brokerPid) {
  const alive = `kill -0 ${brokerPid} 2>/dev/null`;
  const script = `while kill -0 ${parentPid} 2>/dev/null && ${alive}; do sleep 1; done; if ${alive}; then kill -TERM ${brokerPid}; sleep 15; ${alive} && kill -KILL ${brokerPid}; fi`;
  const watchdog = spawn('sh', ['-c', script], { detached: true, stdio: 'ignore' });
  watchdog.unref();
  return watchdog;
}

async function waitForExit(pid, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid) && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 50));
  return !isAlive(pid);
}

/** SIGTERM (Kafka shuts down cleanly), then SIGKILL after `timeoutMs`; true when it exited by itself. */
async function stopPid(pid, timeoutMs = STOP_TIMEOUT_MS) {
  if (!isAlive(pid)) return false;
  process.kill(pid, 'SIGTERM');
  if (await waitForExit(pid, timeoutMs)) return true;
  process.kill(pid, 'SIGKILL');
  await waitForExit(pid, 5000);
  return false;
}

/**
 * Starts a broker and resolves once it answers describeCluster.
 * - `port` 0/absent: a free port (or the port this data folder used before, so clients reconnect);
 * - `dataDir` absent: a new temp folder; an existing one is restarted with its topics and offsets;
 * - `detached`: the broker outlives this process (the `start` command); otherwise it is stopped
 *   with it (tests).
 */
async function startKafka(options = {}) {
  const v = options.version || version();
  const libs = await installKafka({ version: v, quiet: true });
  const dataDir = options.dataDir || mkdtempSync(join(tmpdir(), 'kafka-'));
  mkdirSync(dataDir, { recursive: true });
  const previous = readState(dataDir);
  if (previous && isAlive(previous.pid)) await stopPid(previous.pid);
  const state = {
    version: v,
    clusterId: previous?.clusterId || randomClusterId(),
    port: options.port || previous?.port || (await freePort()),
    controllerPort: previous?.controllerPort || (await freePort()),
  };
  const configFile = join(dataDir, 'server.properties');
  writeFileSync(configFile, serverProperties({ ...state, dataDir }));
  const classpath = `${libs}/*`;
  await formatStorage(dataDir, classpath, configFile, state);

  const logFile = join(dataDir, 'broker.log');
  const log = openSync(logFile, 'a');
  const heap = options.heap || '512m';
  const archive = classArchive(join(cacheRoot(), v), 'broker', javaCommand());
  const child = spawn(
    javaCommand(),
    [
      `-Xmx${heap}`,
      '-Xms128m',
      '-XX:+UseSerialGC',
      '-Djava.awt.headless=true',
      `-Dlog4j2.configurationFile=${join(here, 'log4j2.properties')}`,
      ...archive.flags,
      '-cp',
      classpath,
      'kafka.Kafka',
      configFile,
    ],
    { detached: Boolean(options.detached), stdio: ['ignore', log, log] },
  );
  closeSync(log);
  if (options.detached) child.unref();
  writeFileSync(join(dataDir, 'kafka.json'), JSON.stringify({ ...state, pid: child.pid }, null, 2));
  const watchdog = options.detached ? undefined : startWatchdog(process.pid, child.pid);
  const brokers = `127.0.0.1:${state.port}`;
  try {
    await waitUntilReady(
      brokers,
      child,
      Date.now() + (options.readyTimeoutMs || READY_TIMEOUT_MS),
      logFile,
    );
  } catch (error) {
    await stopPid(child.pid, 5000);
    throw error;
  }
  return {
    brokers,
    port: state.port,
    dataDir,
    logFile,
    pid: child.pid,
    /** Clean stop (SIGTERM, then SIGKILL); the data folder stays for a restart unless `removeData`. */
    async stop(stopOptions = {}) {
      if (watchdog && isAlive(watchdog.pid)) process.kill(-watchdog.pid, 'SIGKILL');
      // Only a JVM that exited by itself wrote a whole class archive.
      archive.settle(await stopPid(child.pid, stopOptions.timeoutMs));
      if (stopOptions.removeData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Stops the broker recorded in a data folder (the `stop` command). */
async function stopKafka(dataDir) {
  const state = readState(dataDir);
  if (!state || !isAlive(state.pid)) return false;
  await stopPid(state.pid);
  return true;
}

/** What the `status` command prints: running or not, and whether it answers. */
async function kafkaStatus(dataDir) {
  const state = readState(dataDir);
  if (!state) return { running: false, reason: 'never started in this folder' };
  if (!isAlive(state.pid)) return { running: false, port: state.port, reason: 'not running' };
  const { Kafka, logLevel } = require('kafkajs');
  const admin = new Kafka({
    brokers: [`127.0.0.1:${state.port}`],
    clientId: 'kafka-harness',
    logLevel: logLevel.NOTHING,
    retry: { retries: 0 },
  }).admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return {
      running: true,
      ready: true,
      pid: state.pid,
      brokers: `127.0.0.1:${state.port}`,
      clusterId: cluster.clusterId,
      version: state.version,
    };
  } catch (error) {
    return {
      running: true,
      ready: false,
      pid: state.pid,
      brokers: `127.0.0.1:${state.port}`,
      reason: error.message,
    };
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

module.exports = {
  DEFAULT_VERSION,
  cacheRoot,
  libsDir,
  isInstalled,
  kafkaAvailability,
  installKafka,
  startKafka,
  stopKafka,
  kafkaStatus,
};

// For cluster.cjs (three brokers): the process helpers it shares with the single broker.
module.exports.internal = {
  freePort,
  isAlive,
  stopPid,
  waitForExit,
  startWatchdog,
  tail,
  javaCommand,
  randomClusterId,
};
