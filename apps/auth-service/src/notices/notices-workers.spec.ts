import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthTestApp, expectStatus } from '../testing/auth-test-app';
import { TestMailbox } from '../testing/test-mailbox';

/**
 * Two workers of one auth-service on one data folder, as WORKERS=2 runs them: the second is started
 * with ACCOUNTS_WORKER_ROLE=follower (what the cluster primary sets). Each has its own SMTP server, so a
 * notice sent by the follower would show in its mailbox: only the worker that maintains the read models
 * sends, once.
 */
describe('notices with several workers (real SMTP servers)', () => {
  let dataDir: string;
  let leaderMail: TestMailbox;
  let followerMail: TestMailbox;
  let leader: AuthTestApp;
  let follower: AuthTestApp;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'notices-workers-'));
    leaderMail = await TestMailbox.start();
    followerMail = await TestMailbox.start();
    leader = await AuthTestApp.start({ DATA_DIR: dataDir }, leaderMail.notifierEnv);
    const role = process.env['ACCOUNTS_WORKER_ROLE'];
    process.env['ACCOUNTS_WORKER_ROLE'] = 'follower';
    try {
      follower = await AuthTestApp.start({ DATA_DIR: dataDir }, followerMail.notifierEnv);
    } finally {
      if (role === undefined) delete process.env['ACCOUNTS_WORKER_ROLE'];
      else process.env['ACCOUNTS_WORKER_ROLE'] = role;
    }
  });
  afterAll(async () => {
    await follower?.close();
    await leader?.close();
    await Promise.all([leaderMail.close(), followerMail.close()]);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('the follower lists the notice queue it follows, and only the projecting worker mails the notice', async () => {
    // Through the follower: the request may land on any worker, the notice is still sent once.
    const email = await leader.accountThatChangedItsPassword('wanda', follower);
    await leaderMail.waitFor(email, 'Your password was changed');
    await follower.caughtUp();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(
      leaderMail.mails(email).filter((m) => m.subject === 'Your password was changed'),
    ).toHaveLength(1);
    expect(followerMail.mails(email)).toEqual([]);

    const health = await follower.http().get('/health');
    expectStatus(health, 200);
    expect(health.body.details.projections.notice_queue).toMatchObject({ followed: true });
  }, 60_000);
});
