// `npm test`: lint every project, then one jest run over every project, then the service suites once
// more on a real PostgreSQL event store, ending with the plain line `tests: N passed, N failed, N skipped`
// (both runs counted). Extra arguments go to jest (`npm test -- libs/event-store`); with arguments the
// PostgreSQL pass runs only when TEST_ON_POSTGRES=1 (over the same arguments). TEST_ON_POSTGRES=0 skips it.
// A lint failure does not stop the tests, but the run still exits non-zero. SKIP_LINT=1 skips lint.
// The format check (tools/format-check.mjs, prettier --check) counts as one test of the closing line;
// SKIP_FORMAT=1 (or SKIP_LINT=1) skips it, FORMAT_PATHS limits it to some paths. So does bench/'s type
// check (tools/bench-typecheck.mjs, tsc --noEmit -p bench/tsconfig.json; SKIP_BENCH_TYPECHECK=1 or SKIP_LINT=1).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchTypecheck } from './bench-typecheck.mjs';
import { formatCheck } from './format-check.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
// The JS entry of a package's command, so that it runs under this same node without a shell.
function bin(pkg, command) {
  const manifest = JSON.parse(
    readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8'),
  );
  const entry = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin[command];
  return join(root, 'node_modules', pkg, entry);
}
const isCi = ['true', '1'].includes(String(process.env.CI).toLowerCase());

function lint() {
  if (process.env.SKIP_LINT === '1') {
    console.log('lint: skipped (SKIP_LINT=1)');
    return true;
  }
  const started = Date.now();
  // Output is kept back unless something fails: a green lint is one line, a red one shows every error.
  const result = spawnSync(
    process.execPath,
    [bin('nx', 'nx'), 'run-many', '-t', 'lint', '--outputStyle=static'],
    {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      env: {
        ...process.env,
        NX_TUI: 'false',
        FORCE_COLOR: process.env.FORCE_COLOR ?? '0',
      },
    },
  );
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status === 0) {
    console.log(`lint: passed in ${seconds}s`);
    return true;
  }
  process.stdout.write(result.stdout ?? '');
  process.stderr.write(result.stderr ?? '');
  if (result.error) console.error(result.error);
  console.log(`lint: FAILED in ${seconds}s (errors above); running the tests anyway`);
  return false;
}

function jest(args, label = 'jest', extraEnv = {}) {
  const started = Date.now();
  const summaryDir = mkdtempSync(join(tmpdir(), 'jest-summary-'));
  const summaryFile = join(summaryDir, 'summary.json');
  const result = spawnSync(
    process.execPath,
    [bin('jest', 'jest'), '--maxWorkers=2', ...(isCi ? ['--ci'] : []), ...args],
    {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, ...extraEnv, JEST_SUMMARY_FILE: summaryFile },
    },
  );
  let summary;
  try {
    summary = JSON.parse(readFileSync(summaryFile, 'utf8'));
  } catch {
    summary = undefined;
  } finally {
    rmSync(summaryDir, { recursive: true, force: true });
  }
  console.log(
    `${label}: finished in ${((Date.now() - started) / 1000).toFixed(1)}s${summary ? ` (${summary.line})` : ''}`,
  );
  return { status: result.status ?? 1, summary };
}

const SERVICE_PROJECTS = ['profile-service', 'auth-service', 'credentials-service'];

// The service suites again with every test app's events in PostgreSQL (createTestApp reads
// TEST_EVENTSTORE_POSTGRES_URL): one throwaway server for the pass, fsync off because this pass checks
// behaviour; durability is proven by the adapter's own tests with fsync on.
async function postgresPass(args) {
  const wanted = process.env.TEST_ON_POSTGRES;
  if (wanted === '0' || (args.length > 0 && wanted !== '1')) return undefined;
  const harness = createRequire(import.meta.url)('./postgres/server.cjs');
  const availability = harness.postgresAvailability();
  if (!availability.ok) {
    console.log(`jest on PostgreSQL: skipped (${availability.reason}); counted as 1 skipped`);
    return { status: 0, summary: { passed: 0, failed: 0, skipped: 1 } };
  }
  let server;
  try {
    server = await harness.startPostgres({ fsync: false, maxConnections: 300 });
  } catch (error) {
    console.log(`jest on PostgreSQL: the server did not start: ${error.message}`);
    return { status: 1, summary: { passed: 0, failed: 1, skipped: 0 } };
  }
  try {
    const selection = args.length ? args : ['--selectProjects', ...SERVICE_PROJECTS];
    return jest(selection, 'jest on PostgreSQL (service suites)', {
      TEST_EVENTSTORE_POSTGRES_URL: server.connectionString,
    });
  } finally {
    await server.stop();
  }
}

/** The page's component tests (vitest + happy-dom), counted in the same closing line as jest's. */
function vitest(args) {
  const paths = args.filter((a) => !a.startsWith('-'));
  if (paths.length && !paths.some((p) => p.startsWith('apps/web'))) return undefined;
  const started = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'vitest-summary-'));
  const file = join(dir, 'summary.json');
  const result = spawnSync(
    process.execPath,
    [
      bin('vitest', 'vitest'),
      'run',
      '--config',
      'apps/web/page/vite.config.mts',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${file}`,
    ],
    { cwd: root, stdio: 'inherit', env: process.env },
  );
  let counts;
  try {
    const report = JSON.parse(readFileSync(file, 'utf8'));
    const suitesFailed = report.testResults.filter(
      (s) => s.status === 'failed' && s.assertionResults.every((a) => a.status !== 'failed'),
    ).length;
    counts = {
      passed: report.numPassedTests,
      failed: report.numFailedTests + suitesFailed,
      skipped: report.numPendingTests + report.numTodoTests,
    };
  } catch {
    counts = { passed: 0, failed: 1, skipped: 0 }; // vitest did not report: a failed run
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`vitest: finished in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  return { status: result.status ?? 1, counts };
}

const lintPassed = lint();
/** A step counted as one test of the closing line (the format check, the bench type check). */
function oneTestStep(step) {
  if (step.status === 'failed') process.stdout.write(step.output);
  console.log(step.line);
  return {
    status: 0,
    summary: {
      passed: step.status === 'passed' ? 1 : 0,
      failed: step.status === 'failed' ? 1 : 0,
      skipped: step.status === 'skipped' ? 1 : 0,
    },
  };
}
const formatRun = oneTestStep(formatCheck({ root }));
const benchTypesRun = oneTestStep(benchTypecheck({ root }));
const args = process.argv.slice(2);
const sqliteRun = jest(args);
const unit = vitest(args);
const unitRun = unit && { status: unit.status, summary: unit.counts };
const postgresRun = await postgresPass(args);
const runs = [formatRun, benchTypesRun, sqliteRun, unitRun, postgresRun].filter(Boolean);
const tests = {
  status: runs.find((r) => r.status !== 0)?.status ?? 0,
  summary: runs.every((r) => r.summary) ? sum(runs.map((r) => r.summary)) : undefined,
};

function sum(summaries) {
  const total = { passed: 0, failed: 0, skipped: 0 };
  for (const s of summaries) for (const key of Object.keys(total)) total[key] += s[key];
  return {
    ...total,
    line: `tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`,
  };
}

if (!lintPassed) console.log('lint: FAILED (see the lint errors above the test output)');
let line = tests.summary?.line;
if (!line) {
  // Jest stopped before its reporters ran (bad config, no test found, crash): that is a failed run.
  console.log(`jest ended without reporting results (exit code ${tests.status})`);
  line = 'tests: 0 passed, 1 failed, 0 skipped';
}
console.log(line);

const failedTests = tests.summary ? tests.summary.failed > 0 : true;
process.exitCode = tests.status !== 0 ? tests.status : !lintPassed || failedTests ? 1 : 0;
