#!/usr/bin/env node
// A local Apache Kafka without Docker: node tools/kafka/kafka.mjs <install|start|stop|status>
//   install                 resolve the broker's jars with Maven into the cache (CI runs this before the tests)
//   start [--port 9092] [--data-dir DIR] [--foreground]
//                           start a single-node KRaft broker on 127.0.0.1 (default data folder .data-kafka);
//                           prints KAFKA_BROKERS=127.0.0.1:<port>; restarting the same folder keeps topics and offsets
//   stop [--data-dir DIR]   SIGTERM, then SIGKILL after 20 s
//   status [--data-dir DIR] running / ready / port
// Environment: KAFKA_VERSION (default in broker.cjs), KAFKA_CACHE_DIR (default ~/.cache/accounts-kafka), JAVA_HOME.
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const broker = require('./broker.cjs');
const root = dirname(dirname(dirname(fileURLToPath(import.meta.url))));

const [command, ...rest] = process.argv.slice(2);
const option = (name) => {
  const index = rest.findIndex((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`));
  if (index < 0) return undefined;
  return rest[index].includes('=') ? rest[index].split('=').slice(1).join('=') : rest[index + 1];
};
const dataDir = resolve(option('data-dir') ?? join(root, '.data-kafka'));
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

async function main() {
  const started = Date.now();
  switch (command) {
    case 'install': {
      const cached = broker.isInstalled();
      const libs = await broker.installKafka({ quiet: false });
      console.log(
        `kafka ${process.env.KAFKA_VERSION || broker.DEFAULT_VERSION}: jars ${cached ? 'already ' : ''}in ${libs} (${seconds(started)})`,
      );
      return;
    }
    case 'start': {
      const foreground = rest.includes('--foreground');
      const port = option('port') ? Number(option('port')) : undefined;
      const running = await broker.kafkaStatus(dataDir);
      if (running.ready) {
        console.log(`kafka already running (pid ${running.pid})\nKAFKA_BROKERS=${running.brokers}`);
        return;
      }
      const kafka = await broker.startKafka({
        port: port ?? (running.port ? undefined : 9092),
        dataDir,
        detached: !foreground,
      });
      console.log(
        `kafka started in ${seconds(started)} (pid ${kafka.pid}, data ${dataDir}, log ${kafka.logFile})`,
      );
      console.log(`KAFKA_BROKERS=${kafka.brokers}`);
      if (foreground) {
        const stop = () => kafka.stop().then(() => process.exit(0));
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
        await new Promise(() => undefined);
      }
      return;
    }
    case 'stop': {
      const stopped = await broker.stopKafka(dataDir);
      console.log(stopped ? `kafka stopped in ${seconds(started)}` : 'kafka was not running');
      return;
    }
    case 'status': {
      const status = await broker.kafkaStatus(dataDir);
      console.log(JSON.stringify(status, null, 2));
      process.exitCode = status.ready ? 0 : 3;
      return;
    }
    default:
      console.log(
        'usage: node tools/kafka/kafka.mjs <install|start|stop|status> [--port 9092] [--data-dir DIR] [--foreground]',
      );
      process.exitCode = command ? 1 : 0;
  }
}

main().catch((error) => {
  console.error(error.message ?? error);
  process.exit(1);
});
