import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { WORKSPACE } from './fixtures';

/** Runs a TypeScript file of this folder in its own node process; resolves with how it ended. */
export function runChild(
  file: string,
  args: readonly string[],
  timeoutMs: number,
): Promise<{
  signal: NodeJS.Signals | null;
  code: number | null;
  stderr: string;
  timedOut: boolean;
}> {
  const child = spawn(
    process.execPath,
    ['-r', '@swc-node/register', join(__dirname, file), ...args],
    {
      cwd: WORKSPACE,
      env: { ...process.env, SWC_NODE_PROJECT: join(WORKSPACE, 'tsconfig.base.json') },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stderr, timedOut });
    });
  });
}
