// A preload for measuring a service's memory under a benchmark (issue 15), not used in production:
//   MEMORY_PROBE_DIR=/tmp/probe NODE_OPTIONS="-r ./tools/memory-probe.cjs" npm run bench -- peers --no-keycloak ...
// Every cluster worker (ACCOUNTS_WORKER_ID set) appends one line a second to
// $MEMORY_PROBE_DIR/<service>-<pid>.txt: RSS (anonymous / mapped files), V8 heap committed/used, external,
// and each V8 space as committed/used MiB. RSS minus the V8 heap is native memory (malloc, SQLite, the
// argon2 buffer) plus the mapped files. The timer is unref'd: it never keeps a process alive.
// `kill -USR2 <worker pid>` then gives memory back step by step and logs RSS after each step, 1 s
// apart: a full GC (gc()), a full GC that compacts every page
// (--compact-on-every-full-gc for that one collection), then SQLite `shrink_memory` on every better-sqlite3
// connection the process opened on its main thread (what each step is worth, for the idle hook).
// With MEMORY_PROBE_SNAPSHOT=<s>, a worker that was busy and then quiet for <s> seconds (a benchmark's idle
// samples: 8 fits in its 10 s) writes <service>-<pid>.smaps.txt (resident KiB by mapping, largest first)
// and <service>-<pid>.heapsnapshot (open in Chrome DevTools, or summarise with tools/heap-summary.cjs),
// once. Writing the snapshot inflates that process's RSS for the samples after it.
'use strict';
const dir = process.env.MEMORY_PROBE_DIR;
const service = /dist\/apps\/([^/]+)\//.exec(process.argv[1] ?? '')?.[1];
if (dir && service && process.env.ACCOUNTS_WORKER_ID) {
  const { appendFileSync, mkdirSync, readFileSync } = require('node:fs');
  const { join } = require('node:path');
  const Module = require('node:module');
  const v8 = require('node:v8');
  const vm = require('node:vm');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${service}-${process.pid}.txt`);
  const mib = (bytes) => Math.round(bytes / 1048576);
  const started = Date.now();
  const line = (label) => {
    const usage = process.memoryUsage();
    const spaces = v8
      .getHeapSpaceStatistics()
      .filter((space) => space.space_size > 0)
      .map(
        (s) =>
          `${s.space_name.replace(/_space$/, '')}=${mib(s.space_size)}/${mib(s.space_used_size)}`,
      )
      .join(' ');
    const seconds = Math.round((Date.now() - started) / 1000);
    // Anonymous memory (heap, malloc, stacks) against mapped files (the binary, libraries).
    const status = readFileSync('/proc/self/status', 'utf8');
    const kib = (name) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
    const split = `anon=${Math.round(kib('RssAnon') / 1024)} file=${Math.round(kib('RssFile') / 1024)}`;
    appendFileSync(
      file,
      `t=${seconds}s${label ? ` ${label}` : ''} worker=${process.env.ACCOUNTS_WORKER_ID} rss=${mib(usage.rss)} ${split} heap=${mib(usage.heapTotal)}/${mib(usage.heapUsed)} external=${mib(usage.external)} ${spaces}\n`,
    );
  };
  setInterval(() => line(''), 1000).unref();

  const snapshotAfter = Number(process.env.MEMORY_PROBE_SNAPSHOT);
  if (snapshotAfter > 0) {
    const { performance } = require('node:perf_hooks');
    let last = performance.eventLoopUtilization();
    let busy = false;
    let quiet = 0;
    const timer = setInterval(() => {
      const now = performance.eventLoopUtilization();
      const utilization = performance.eventLoopUtilization(now, last).utilization;
      last = now;
      if (utilization >= 0.05) {
        busy = true;
        quiet = 0;
        return;
      }
      if (!busy || ++quiet < snapshotAfter) return;
      clearInterval(timer);
      line('snapshot');
      const byMapping = new Map();
      let current = '';
      for (const row of readFileSync('/proc/self/smaps', 'utf8').split('\n')) {
        const header = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(row);
        if (header) current = header[1] || '[anonymous]';
        const rss = /^Rss:\s+(\d+) kB/.exec(row);
        if (rss) byMapping.set(current, (byMapping.get(current) ?? 0) + Number(rss[1]));
      }
      const rows = [...byMapping]
        .sort((a, b) => b[1] - a[1])
        .map(([name, kib]) => `${kib}\t${name}`);
      appendFileSync(file.replace(/\.txt$/, '.smaps.txt'), `${rows.join('\n')}\n`);
      v8.writeHeapSnapshot(file.replace(/\.txt$/, '.heapsnapshot'));
    }, 1000);
    timer.unref();
  }

  // Every better-sqlite3 connection opened on this thread, for the shrink_memory step.
  const databases = new Set();
  const load = Module._load;
  Module._load = function (request, ...rest) {
    const loaded = load.call(this, request, ...rest);
    if (request !== 'better-sqlite3' || loaded.__probed) return loaded;
    const wrapped = new Proxy(loaded, {
      construct(target, args, newTarget) {
        const db = Reflect.construct(target, args, newTarget);
        databases.add(new WeakRef(db));
        return db;
      },
    });
    Object.defineProperty(wrapped, '__probed', { value: true });
    Module._load = load;
    require.cache[require.resolve('better-sqlite3')].exports = wrapped;
    return wrapped;
  };
  const pause = () => new Promise((resolve) => setTimeout(resolve, 1000));
  process.on('SIGUSR2', async () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc');
    line('before');
    let t = process.hrtime.bigint();
    const ms = () => (Number(process.hrtime.bigint() - t) / 1e6).toFixed(1);
    gc();
    line(`after-gc(${ms()}ms)`);
    await pause();
    line('after-gc+1s');
    t = process.hrtime.bigint();
    v8.setFlagsFromString('--compact-on-every-full-gc');
    gc();
    v8.setFlagsFromString('--no-compact-on-every-full-gc');
    line(`after-compacting-gc(${ms()}ms)`);
    await pause();
    line('after-compacting-gc+1s');
    t = process.hrtime.bigint();
    let open = 0;
    for (const ref of databases) {
      const db = ref.deref();
      if (db?.open) {
        db.pragma('shrink_memory');
        open++;
      }
    }
    line(`after-shrink-${open}-dbs(${ms()}ms)`);
    await pause();
    line('after-shrink+1s');
  });
}
