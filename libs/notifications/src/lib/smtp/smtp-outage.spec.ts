import {
  type LocalSmtpServer,
  splitMail,
  startLocalSmtpServer,
} from '../../test-support/local-smtp-server';
import type { EmailNotification } from '../notification';
import { RetryingNotifier } from '../retry/retrying-notifier';
import { SmtpNotifier } from './smtp-notifier';

/** The issue asks for an SMTP server that is down for a minute while notices are due. */
const OUTAGE_MS = 60_000;
const NOTICES = 20;
const credentials = { user: 'mailer', pass: 's3cret-pass' };

const notice = (i: number): EmailNotification => ({
  kind: 'email',
  to: `user${i}@example.com`,
  subject: `Your password was changed (${i})`,
  text: 'If this was not you, reset your password now.',
  tag: 'password-changed',
});

describe(`SMTP server down for ${OUTAGE_MS / 1000} s while notices are due (retrying notifier, real SMTP server)`, () => {
  let server: LocalSmtpServer | undefined;
  let smtp: SmtpNotifier | undefined;
  afterEach(async () => {
    smtp?.close();
    await server?.close();
  });

  it(
    'delivers every notice once the server is back, none twice',
    async () => {
      // Where the server will come back: a port it held, now closed, so the notices meet a refused connection.
      const first = await startLocalSmtpServer(credentials);
      const port = first.port;
      await first.close();

      smtp = new SmtpNotifier({
        url: `smtp://${credentials.user}:${credentials.pass}@127.0.0.1:${port}`,
        from: 'Accounts <no-reply@accounts.example.com>',
        timeoutMs: 2_000,
      });
      // A retry budget surely longer than the outage: 0.5 s doubling to 8 s with equal jitter (each wait is
      // half to all of its ceiling), 30 attempts: at least 1.8 minutes. With 16 the shortest budget was 48 s,
      // under the 60 s outage, and the test failed now and then.
      const notifier = new RetryingNotifier(smtp, {
        maxAttempts: 30,
        baseDelayMs: 500,
        maxDelayMs: 8_000,
      });
      const started = Date.now();
      const sending = Promise.allSettled(
        Array.from({ length: NOTICES }, (_, i) => notifier.send(notice(i))),
      );

      await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
      server = await startLocalSmtpServer(credentials, { port });
      const outcomes = await sending;

      expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
      const receipts = outcomes.map(
        (o) => (o as PromiseFulfilledResult<{ attempts: number }>).value,
      );
      // They were retried through the outage, not sent before it.
      expect(Math.min(...receipts.map((r) => r.attempts))).toBeGreaterThan(3);
      expect(Date.now() - started).toBeGreaterThanOrEqual(OUTAGE_MS);
      const mails = server.received.map((m) => splitMail(m.raw).headers);
      expect(mails).toHaveLength(NOTICES);
      expect(new Set(mails.map((h) => h['message-id'])).size).toBe(NOTICES);
      expect(mails.map((h) => h['to']).sort()).toEqual(
        Array.from({ length: NOTICES }, (_, i) => `user${i}@example.com`).sort(),
      );
    },
    OUTAGE_MS + 120_000,
  );
});
