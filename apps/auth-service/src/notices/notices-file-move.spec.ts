import { ReadModelDatabase } from '@accounts/projections';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthTestApp } from '../testing/auth-test-app';
import { TestMailbox } from '../testing/test-mailbox';

/**
 * Until the notices reactor's queues moved into auth's ReadModels they had a file of their own
 * (`auth-service-notices-read.sqlite`) holding what was sent. Upgrading from that layout rebuilds the
 * queues in the host's file from the store; the old file's marks keep what was mailed from going again.
 */
describe('upgrading from the notices file of their own (real SMTP server)', () => {
  let dataDir: string;
  let mailbox: TestMailbox;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'notices-file-move-'));
    mailbox = await TestMailbox.start();
  });
  afterAll(async () => {
    await mailbox.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('does not mail a sent notice again, and reads the old file once', async () => {
    let app = await AuthTestApp.start({ DATA_DIR: dataDir }, mailbox.notifierEnv);
    const email = await app.accountThatChangedItsPassword('otto');
    await mailbox.waitFor(email, 'Your password was changed');
    await app.close();

    // The former layout: the marks in the reactor's own file, a host file without the queues.
    const hostPath = join(dataDir, 'auth-service-read.sqlite');
    const retired = ReadModelDatabase.forService(dataDir, 'auth-service-notices');
    retired.db.prepare('ATTACH DATABASE ? AS host').run(hostPath);
    retired.db.exec(`CREATE TABLE notice_sent AS SELECT * FROM host.notice_sent;
      CREATE TABLE notice_kinds_since AS SELECT * FROM host.notice_kinds_since;`);
    retired.db.exec('DETACH DATABASE host');
    retired.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(hostPath + suffix, { force: true });

    app = await AuthTestApp.start({ DATA_DIR: dataDir }, mailbox.notifierEnv);
    try {
      await app.caughtUp();
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(
        mailbox.mails(email).filter((m) => m.subject === 'Your password was changed'),
      ).toHaveLength(1);
      expect(existsSync(join(dataDir, 'auth-service-notices-read.sqlite'))).toBe(false);
      expect(existsSync(join(dataDir, 'auth-service-notices-read.sqlite.adopted'))).toBe(true);
    } finally {
      await app.close();
    }
  }, 60_000);
});
