import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthTestApp } from '../testing/auth-test-app';
import { TestMailbox } from '../testing/test-mailbox';

const WORKSPACE = join(__dirname, '..', '..', '..', '..');
const CHILD = join(__dirname, '..', 'testing', 'notices-crash-child.ts');

/** A loopback port nobody listens on (bound, then released). */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('security notices survive a crash between the append and the send', () => {
  let dataDir: string;
  let mailbox: TestMailbox;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'notices-crash-'));
    mailbox = await TestMailbox.start();
  });
  afterAll(async () => {
    await mailbox.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a process killed with SIGKILL after PasswordChanged was stored sends the notice once it restarts, and only once', async () => {
    const child = spawn(
      process.execPath,
      ['-r', '@swc-node/register', CHILD, dataDir, String(await deadPort())],
      {
        cwd: WORKSPACE,
        env: {
          ...process.env,
          SWC_NODE_PROJECT: join(WORKSPACE, 'tsconfig.base.json'),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const signal = await new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, sig) => resolve(sig)),
    );
    expect({ signal, stderr }).toEqual({ signal: 'SIGKILL', stderr: '' });
    const { email } = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as {
      email: string;
    };
    expect(mailbox.mails(email)).toHaveLength(0);

    let app = await AuthTestApp.start({ DATA_DIR: dataDir }, mailbox.notifierEnv);
    try {
      expect((await app.allEvents()).map((e) => e.type)).toContain('PasswordChanged');
      const mail = await mailbox.waitFor(email, 'Your password was changed');
      expect(mail.text).toContain('The password of your account was changed');
    } finally {
      await app.close();
    }
    // Restarted again: what was sent is not sent twice.
    app = await AuthTestApp.start({ DATA_DIR: dataDir }, mailbox.notifierEnv);
    try {
      await app.caughtUp();
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(
        mailbox.mails(email).filter((m) => m.subject === 'Your password was changed'),
      ).toHaveLength(1);
    } finally {
      await app.close();
    }
  }, 60_000);
});
