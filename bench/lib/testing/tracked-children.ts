/**
 * A stand-in benchmark for started-processes.spec.ts: it starts the processes the spec asks for, tracks
 * them, prints their pids as one JSON line, then waits (or fails when asked) like a benchmark does.
 * argv: <mode: wait|fail> <folder to clean up>
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { trackProcess } from '../started-processes';

const [mode, folder] = process.argv.slice(2);
const forever = 'setInterval(() => undefined, 1000)';

// A plain child, and a detached one that starts a grandchild of its own (as kc.sh starts java).
const child = spawn(process.execPath, ['-e', forever], { stdio: 'ignore' });
const leader = spawn(
  process.execPath,
  [
    '-e',
    `const c = require('node:child_process').spawn(process.execPath, ['-e', ${JSON.stringify(forever)}], { stdio: 'ignore' });` +
      `console.log(c.pid); ${forever}`,
  ],
  { stdio: ['ignore', 'pipe', 'ignore'], detached: true },
);
trackProcess(child.pid);
trackProcess(leader.pid, {
  group: true,
  cleanup: () => rmSync(folder, { recursive: true, force: true }),
});

leader.stdout?.once('data', (chunk: Buffer) => {
  const grandchild = Number(chunk.toString().trim());
  console.log(JSON.stringify({ child: child.pid, leader: leader.pid, grandchild }));
  if (mode === 'fail')
    setTimeout(() => {
      throw new Error('the benchmark failed');
    }, 50);
  else setInterval(() => undefined, 1000);
});
