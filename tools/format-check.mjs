// The format step of `npm test`: `prettier --check` over the tree (what .prettierignore leaves in), with
// the options of .prettierrc. One test in the closing line: passed, failed, or skipped with the reason.
// SKIP_FORMAT=1 skips it, and so does SKIP_LINT=1 (quick runs) unless FORMAT_PATHS is set;
// FORMAT_PATHS="a b" checks only those paths (to try the step on a branch not yet formatted as a whole).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** @returns {{ status: 'passed' | 'failed' | 'skipped', line: string, output: string }} */
export function formatCheck({ root, env = process.env }) {
  if (env.SKIP_FORMAT === '1' || (env.SKIP_LINT === '1' && !env.FORMAT_PATHS)) {
    const variable = env.SKIP_FORMAT === '1' ? 'SKIP_FORMAT=1' : 'SKIP_LINT=1';
    return { status: 'skipped', line: `format: skipped (${variable})`, output: '' };
  }
  const paths = env.FORMAT_PATHS ? env.FORMAT_PATHS.split(/\s+/).filter(Boolean) : ['.'];
  const manifest = JSON.parse(
    readFileSync(join(root, 'node_modules/prettier/package.json'), 'utf8'),
  );
  const entry = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin.prettier;
  const started = Date.now();
  const result = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules/prettier', entry),
      '--check',
      '--no-error-on-unmatched-pattern',
      ...paths,
    ],
    // FORCE_COLOR (CI sets it) would colour "[warn]" and hide the file names from the count below.
    {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
    },
  );
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  // eslint-disable-next-line no-control-regex
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.replace(/\u001b\[[0-9;]*m/g, '');
  if (result.status === 0)
    return { status: 'passed', line: `format: passed in ${seconds}s`, output };
  const unformatted = output.split('\n').filter((l) => /^\[warn\] (?!Code style issues)/.test(l));
  return {
    status: 'failed',
    line:
      `format: FAILED in ${seconds}s: ${unformatted.length} file(s) not formatted` +
      ' (npx prettier --write <file>)',
    output,
  };
}
