// A three-node Apache Kafka 4 cluster on loopback for fault tests: each node is broker+controller
// (KRaft, one controller quorum of three voters), replication factor 3 and min.insync.replicas 2 by
// default, so one node may die without loss and two dead nodes stop writes instead of losing them.
// Nodes can be killed (-9), stopped and started again on their ports and data.
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  writeFileSync,
} = require('node:fs');
const { tmpdir } = require('node:os');
const { dirname, join } = require('node:path');
const broker = require('./broker.cjs');
const { classArchive } = require('./class-archive.cjs');

const {
  freePort,
  isAlive,
  stopPid,
  waitForExit,
  startWatchdog,
  tail,
  javaCommand,
  randomClusterId,
} = broker.internal;
const READY_TIMEOUT_MS = 180_000;

function nodeProperties({ nodeId, port, controllerPort, dataDir, voters, size }) {
  const minIsr = Math.min(2, size);
  return [
    'process.roles=broker,controller',
    `node.id=${nodeId}`,
    `controller.quorum.voters=${voters}`,
    `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    `log.dirs=${join(dataDir, 'logs')}`,
    'num.partitions=3',
    `default.replication.factor=${size}`,
    `min.insync.replicas=${minIsr}`,
    'unclean.leader.election.enable=false',
    'auto.create.topics.enable=false',
    `offsets.topic.replication.factor=${size}`,
    'offsets.topic.num.partitions=1',
    `transaction.state.log.replication.factor=${size}`,
    `transaction.state.log.min.isr=${minIsr}`,
    'transaction.state.log.num.partitions=1',
    `share.coordinator.state.topic.replication.factor=${size}`,
    `share.coordinator.state.topic.min.isr=${minIsr}`,
    'share.coordinator.state.topic.num.partitions=1',
    'group.initial.rebalance.delay.ms=0',
    'group.min.session.timeout.ms=1000',
    'num.network.threads=2',
    'num.io.threads=2',
    'num.replica.fetchers=1',
    'num.recovery.threads.per.data.dir=1',
    'log.retention.hours=-1',
    'broker.heartbeat.interval.ms=500',
    'broker.session.timeout.ms=4000',
    // A follower that stops fetching leaves the ISR after this; it is back in once it has caught up.
    'replica.lag.time.max.ms=6000',
    '',
  ].join('\n');
}

async function waitForBrokers(brokers, expected, deadline, logs) {
  const { Kafka, logLevel } = require('kafkajs');
  let lastError;
  while (Date.now() < deadline) {
    const admin = new Kafka({
      brokers: brokers.split(','),
      clientId: 'kafka-cluster-harness',
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
    }).admin();
    try {
      await admin.connect();
      const cluster = await admin.describeCluster();
      if (cluster.brokers.length >= expected && cluster.controller !== null) {
        await admin.fetchOffsets({
          groupId: 'kafka-harness-ready',
          topics: [],
        });
        return;
      }
      lastError = new Error(`${cluster.brokers.length} of ${expected} brokers registered`);
    } catch (error) {
      lastError = error;
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(
    `Kafka cluster not ready in time (${lastError?.message}); last log lines:\n${logs().join('\n---\n')}`,
  );
}

/**
 * Starts `size` (default 3) nodes and resolves once every broker is registered and groups work.
 * Returns `{ brokers, nodes, stop }`; each node has `kill()` (SIGKILL), `stop()` (SIGTERM),
 * `start()` (again, same port and data) and `alive()`.
 */
async function startKafkaCluster(options = {}) {
  const size = options.size ?? 3;
  const libs = await broker.installKafka({ quiet: true });
  const classpath = `${libs}/*`;
  // The class archives a single broker wrote (nodes here are killed, so they write none): faster starts.
  const shared = (name) => classArchive(dirname(libs), name, javaCommand(), { write: false }).flags;
  const root = options.dataDir || mkdtempSync(join(tmpdir(), 'kafka-cluster-'));
  const clusterId = randomClusterId();
  const specs = [];
  for (let i = 1; i <= size; i++)
    specs.push({
      nodeId: i,
      port: await freePort(),
      controllerPort: await freePort(),
      dataDir: join(root, `node-${i}`),
    });
  const voters = specs.map((s) => `${s.nodeId}@127.0.0.1:${s.controllerPort}`).join(',');
  const heap = options.heap || '384m';

  const nodes = specs.map((spec) => {
    mkdirSync(spec.dataDir, { recursive: true });
    const configFile = join(spec.dataDir, 'server.properties');
    writeFileSync(configFile, nodeProperties({ ...spec, voters, size }));
    const logFile = join(spec.dataDir, 'broker.log');
    let child;
    let watchdog;
    const node = {
      nodeId: spec.nodeId,
      port: spec.port,
      address: `127.0.0.1:${spec.port}`,
      dataDir: spec.dataDir,
      logFile,
      get pid() {
        return child?.pid;
      },
      alive: () =>
        Boolean(
          child && isAlive(child.pid) && child.exitCode === null && child.signalCode === null,
        ),
      format() {
        if (existsSync(join(spec.dataDir, 'logs', 'meta.properties'))) return;
        const result = spawnSync(
          javaCommand(),
          [
            '-XX:TieredStopAtLevel=1',
            '-XX:+UseSerialGC',
            ...shared('storage-tool'),
            '-cp',
            classpath,
            'kafka.tools.StorageTool',
            'format',
            '-t',
            clusterId,
            '-c',
            configFile,
            '--ignore-formatted',
          ],
          { encoding: 'utf8' },
        );
        if (result.status !== 0)
          throw new Error(
            `formatting node ${spec.nodeId} failed: ${result.stderr || result.stdout}`,
          );
      },
      /** Starts the JVM (returns at once; the cluster's ready check waits for it to register). */
      start() {
        if (node.alive()) return;
        const log = openSync(logFile, 'a');
        child = spawn(
          javaCommand(),
          [
            `-Xmx${heap}`,
            '-Xms128m',
            '-XX:+UseSerialGC',
            '-XX:TieredStopAtLevel=1',
            '-Djava.awt.headless=true',
            `-Dlog4j2.configurationFile=${join(__dirname, 'log4j2.properties')}`,
            ...shared('broker'),
            '-cp',
            classpath,
            'kafka.Kafka',
            configFile,
          ],
          { stdio: ['ignore', log, log] },
        );
        closeSync(log);
        watchdog = startWatchdog(process.pid, child.pid);
      },
      /** kill -9: no shutdown, no flush beyond what the OS already has. */
      async kill() {
        if (!child || !node.alive()) return;
        process.kill(child.pid, 'SIGKILL');
        await waitForExit(child.pid, 10_000);
        if (watchdog && isAlive(watchdog.pid)) process.kill(-watchdog.pid, 'SIGKILL');
      },
      async stop() {
        if (watchdog && isAlive(watchdog.pid)) process.kill(-watchdog.pid, 'SIGKILL');
        if (child) await stopPid(child.pid, 20_000);
      },
    };
    return node;
  });

  const brokers = nodes.map((n) => n.address).join(',');
  const logs = () => nodes.map((n) => `node ${n.nodeId}:\n${tail(n.logFile)}`);
  for (const node of nodes) node.format();
  for (const node of nodes) node.start();
  const cluster = {
    brokers,
    nodes,
    dataDir: root,
    /** Resolves when `expected` brokers (default: every node alive) are registered. */
    async waitUntilReady(
      expected = nodes.filter((n) => n.alive()).length,
      timeoutMs = READY_TIMEOUT_MS,
    ) {
      await waitForBrokers(brokers, expected, Date.now() + timeoutMs, logs);
    },
    async stop(stopOptions = {}) {
      await Promise.all(nodes.map((n) => n.stop()));
      if (stopOptions.removeData !== false) rmSync(root, { recursive: true, force: true });
    },
  };
  try {
    await cluster.waitUntilReady(size, options.readyTimeoutMs ?? READY_TIMEOUT_MS);
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  return cluster;
}

module.exports = { startKafkaCluster };
