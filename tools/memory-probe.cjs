// A preload for measuring a service's memory under a benchmark (issue 15), not used in production:
//   MEMORY_PROBE_DIR=/tmp/probe NODE_OPTIONS="-r ./tools/memory-probe.cjs" npm run bench -- peers --no-keycloak ...
// Every cluster worker (ACCOUNTS_WORKER_ID set) appends one line a second to
// $MEMORY_PROBE_DIR/<service>-<pid>.txt: RSS, V8 heap committed/used, external, and each V8 space as
// committed/used MiB. RSS minus the V8 heap is native memory (malloc, SQLite, the argon2 buffer) plus
// the mapped files. The timer is unref'd: it never keeps a process alive.
'use strict';
const dir = process.env.MEMORY_PROBE_DIR;
const service = /dist\/apps\/([^/]+)\//.exec(process.argv[1] ?? '')?.[1];
if (dir && service && process.env.ACCOUNTS_WORKER_ID) {
  const { appendFileSync, mkdirSync } = require('node:fs');
  const { join } = require('node:path');
  const v8 = require('node:v8');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${service}-${process.pid}.txt`);
  const mib = (bytes) => Math.round(bytes / 1048576);
  const started = Date.now();
  setInterval(() => {
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
    appendFileSync(
      file,
      `t=${seconds}s worker=${process.env.ACCOUNTS_WORKER_ID} rss=${mib(usage.rss)} heap=${mib(usage.heapTotal)}/${mib(usage.heapUsed)} external=${mib(usage.external)} ${spaces}\n`,
    );
  }, 1000).unref();
}
