import {
  type LocalSmtpServer,
  splitMail,
  startLocalSmtpServer,
} from '@accounts/notifications/test-support';

export interface Mail {
  readonly to: string[];
  readonly subject: string;
  readonly text: string;
  readonly messageId: string;
}

/** Undoes quoted-printable (long link lines are soft-wrapped by nodemailer). */
function decodeBody(body: string, encoding: string | undefined): string {
  if (encoding?.toLowerCase() !== 'quoted-printable') return body;
  const bytes = body
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** The real SMTP test server (smtp-server on 127.0.0.1) and the notifier variables that send to it. */
export class TestMailbox {
  private constructor(readonly server: LocalSmtpServer) {}

  static readonly credentials = { user: 'mailer', pass: 'mailer-secret-1' };

  static async start(): Promise<TestMailbox> {
    return new TestMailbox(await startLocalSmtpServer(TestMailbox.credentials));
  }

  get notifierEnv(): Record<string, string> {
    return {
      NOTIFIER_EMAIL: 'smtp',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(this.server.port),
      SMTP_USER: TestMailbox.credentials.user,
      SMTP_PASS: TestMailbox.credentials.pass,
      SMTP_FROM: 'Accounts <no-reply@example.com>',
      NOTIFIER_RETRY_BASE_MS: '10',
    };
  }

  mails(to: string): Mail[] {
    return this.server.received
      .filter((m) => m.to.includes(to))
      .map((m) => {
        const { headers, body } = splitMail(m.raw);
        return {
          to: m.to,
          subject: headers['subject'] ?? '',
          messageId: headers['message-id'] ?? '',
          text: decodeBody(body, headers['content-transfer-encoding']),
        };
      });
  }

  /** Waits (5 s at most) for a mail to `to` whose subject contains `subject`. */
  async waitFor(to: string, subject: string, timeoutMs = 5000): Promise<Mail> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const found = this.mails(to).filter((m) => m.subject.includes(subject));
      if (found.length) return found[found.length - 1];
      if (Date.now() > until)
        throw new Error(
          `no mail "${subject}" to ${to}; got: ${this.mails(to)
            .map((m) => m.subject)
            .join(', ')}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** The reset token in the newest password reset mail to `to`. */
  async resetToken(to: string): Promise<string> {
    const mail = await this.waitFor(to, 'Reset your password');
    const match = /\/reset-password\?token=([A-Za-z0-9_-]+)/.exec(mail.text);
    if (!match) throw new Error(`no reset link in: ${mail.text}`);
    return match[1];
  }

  close(): Promise<void> {
    return this.server.close();
  }
}
