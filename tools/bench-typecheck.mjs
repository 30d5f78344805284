// The bench/ step of `npm test`: `tsc --noEmit -p bench/tsconfig.json`. The benches run through
// @swc-node/register, which strips types without checking them, so without this step a type error in a
// bench (or in a library API a bench calls) only shows when someone runs it. One test in the closing
// line, like the format step; SKIP_LINT=1 or SKIP_BENCH_TYPECHECK=1 skips it.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** @returns {{ status: 'passed' | 'failed' | 'skipped', line: string, output: string }} */
export function benchTypecheck({ root, env = process.env }) {
  if (env.SKIP_BENCH_TYPECHECK === '1' || env.SKIP_LINT === '1') {
    const variable = env.SKIP_BENCH_TYPECHECK === '1' ? 'SKIP_BENCH_TYPECHECK=1' : 'SKIP_LINT=1';
    return { status: 'skipped', line: `bench typecheck: skipped (${variable})`, output: '' };
  }
  const started = Date.now();
  const result = spawnSync(
    process.execPath,
    [join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', 'bench/tsconfig.json'],
    { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}`;
  if (result.status === 0)
    return { status: 'passed', line: `bench typecheck: passed in ${seconds}s`, output };
  const errors = (output.match(/error TS\d+/g) ?? []).length;
  return {
    status: 'failed',
    line: `bench typecheck: FAILED in ${seconds}s (${errors} type errors in bench/, above)`,
    output,
  };
}
