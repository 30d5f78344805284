// `npm run typecheck`: tsc --noEmit over every project's tsconfig.app/lib/spec.json, two at a time (2 cores).
// Nx's typecheck target needs TypeScript project references, which this workspace (path aliases) does not use.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

const tsconfigs = ['apps', 'libs'].flatMap((dir) =>
  existsSync(join(root, dir))
    ? readdirSync(join(root, dir)).flatMap((name) =>
        // page/tsconfig.json: a browser app's own settings (apps/web's React page).
        ['tsconfig.app.json', 'tsconfig.lib.json', 'tsconfig.spec.json', 'page/tsconfig.json']
          .map((file) => `${dir}/${name}/${file}`)
          .filter((path) => existsSync(join(root, path))),
      )
    : [],
);
// bench/ is no Nx project: its own tsconfig (the benches and their helpers).
tsconfigs.push('bench/tsconfig.json');

function check(tsconfig) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [tsc, '--noEmit', '-p', tsconfig], {
      cwd: root,
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => resolve({ tsconfig, ok: code === 0, output }));
  });
}

const queue = [...tsconfigs];
const failures = [];
async function worker() {
  for (let tsconfig = queue.shift(); tsconfig; tsconfig = queue.shift()) {
    const result = await check(tsconfig);
    console.log(`${result.ok ? 'ok    ' : 'FAILED'} ${tsconfig}`);
    if (!result.ok) failures.push(result);
  }
}
await Promise.all([worker(), worker()]);

for (const failure of failures) console.log(`\n${failure.tsconfig}\n${failure.output}`);
console.log(`typecheck: ${tsconfigs.length - failures.length} passed, ${failures.length} failed`);
process.exitCode = failures.length > 0 ? 1 : 0;
