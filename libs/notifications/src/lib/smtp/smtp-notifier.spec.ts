import {
  type LocalSmtpServer,
  splitMail,
  startLocalSmtpServer,
} from '../../test-support/local-smtp-server';
import { recordingLogger } from '../../test-support/recording-logger';
import { DeliveryError } from '../delivery-error';
import type { EmailNotification } from '../notification';
import { RetryingNotifier } from '../retry/retrying-notifier';
import { SmtpNotifier } from './smtp-notifier';

const credentials = { user: 'mailer', pass: 's3cret-pass' };
const activation: EmailNotification = {
  kind: 'email',
  to: 'ada@example.com',
  subject: 'Activate your account',
  text: 'Open https://accounts.example.com/activate?token=tok-123 to activate.',
  html: '<p><a href="https://accounts.example.com/activate?token=tok-123">Activate</a></p>',
  tag: 'activation',
};

describe('SmtpNotifier (real SMTP server on 127.0.0.1)', () => {
  let server: LocalSmtpServer;
  const notifiers: SmtpNotifier[] = [];
  const notifier = (options: Partial<ConstructorParameters<typeof SmtpNotifier>[0]> = {}) => {
    const created = new SmtpNotifier({
      url: `smtp://${credentials.user}:${credentials.pass}@127.0.0.1:${server.port}`,
      from: 'Accounts <no-reply@accounts.example.com>',
      timeoutMs: 2_000,
      ...options,
    });
    notifiers.push(created);
    return created;
  };

  beforeAll(async () => {
    server = await startLocalSmtpServer(credentials);
  });
  afterAll(async () => {
    notifiers.forEach((n) => n.close());
    await server.close();
  });

  it('delivers from, to, subject, text and html after authenticating', async () => {
    const logger = recordingLogger();
    const receipt = await notifier({ logger }).send(activation);

    const mail = server.received.at(-1);
    expect(mail).toMatchObject({
      from: 'no-reply@accounts.example.com',
      to: ['ada@example.com'],
      user: 'mailer',
    });
    const { headers, body } = splitMail(mail?.raw ?? '');
    expect(headers['from']).toBe('Accounts <no-reply@accounts.example.com>');
    expect(headers['to']).toBe('ada@example.com');
    expect(headers['subject']).toBe('Activate your account');
    expect(headers['x-notification-tag']).toBe('activation');
    expect(headers['message-id']).toBe(`<${receipt.id}@accounts.example.com>`);
    expect(headers['content-type']).toMatch(/^multipart\/alternative/);
    // Quoted-printable may fold long lines ("=\r\n") and encode "=" as "=3D".
    const decoded = body.replace(/=\r\n/g, '').replace(/=3D/g, '=');
    expect(decoded).toContain(activation.text);
    expect(decoded).toContain(
      '<a href="https://accounts.example.com/activate?token=tok-123">Activate</a>',
    );

    expect(receipt).toEqual({
      id: expect.any(String),
      channel: 'smtp',
      tag: 'activation',
      attempts: 1,
      providerId: `<${receipt.id}@accounts.example.com>`,
    });
    expect(logger.text()).not.toContain('tok-123');
    expect(logger.text()).not.toContain('ada@example.com');
  });

  it('also takes host, port, user and pass instead of a URL, and verifies the connection', async () => {
    const byParts = notifier({
      url: undefined,
      host: '127.0.0.1',
      port: server.port,
      ...credentials,
    });
    await expect(byParts.verify()).resolves.toBeUndefined();
    await byParts.send({ ...activation, kind: 'email', html: undefined, text: 'plain only' });
    const { headers, body } = splitMail(server.received.at(-1)?.raw ?? '');
    expect(headers['content-type']).toMatch(/^text\/plain/);
    expect(body.trim()).toBe('plain only');
  });

  it('reports wrong credentials as permanent, without the password', async () => {
    const wrong = notifier({ url: `smtp://mailer:wrong-pass@127.0.0.1:${server.port}` });
    const error = (await wrong.send(activation).catch((e: unknown) => e)) as DeliveryError;
    expect(error).toBeInstanceOf(DeliveryError);
    expect(error).toMatchObject({
      code: 'NOTIFY-smtp-auth-failed',
      permanent: true,
      channel: 'smtp',
      attempts: 1,
    });
    expect(error.lastError).toContain('535');
    expect(JSON.stringify(error.toFailure())).not.toMatch(/wrong-pass|tok-123|ada@example/);
    await expect(wrong.verify()).rejects.toMatchObject({ code: 'NOTIFY-smtp-auth-failed' });
  });

  it('treats a 5xx rejection as permanent and a 4xx one as worth retrying', async () => {
    server.rejectNextRecipients(550);
    await expect(notifier().send(activation)).rejects.toMatchObject({
      code: 'NOTIFY-smtp-rejected',
      permanent: true,
    });
    server.rejectNextRecipients(451);
    await expect(notifier().send(activation)).rejects.toMatchObject({
      code: 'NOTIFY-smtp-rejected',
      permanent: false,
    });
  });

  it('delivers after a "try again later" when retried, once', async () => {
    const before = server.received.length;
    server.rejectNextRecipients(451);
    const retrying = new RetryingNotifier(notifier(), { baseDelayMs: 5 });
    const receipt = await retrying.send({ ...activation, subject: 'retried' });
    expect(receipt.attempts).toBe(2);
    expect(server.received.slice(before).map((m) => splitMail(m.raw).headers['subject'])).toEqual([
      'retried',
    ]);
  });

  it('reports a server that is not there as unreachable, worth retrying', async () => {
    const nowhere = notifier({ url: 'smtp://mailer:x@127.0.0.1:1' });
    await expect(nowhere.send(activation)).rejects.toMatchObject({
      code: 'NOTIFY-smtp-unreachable',
      permanent: false,
    });
  });

  it('sends email only', async () => {
    await expect(
      notifier().send({ kind: 'sms', to: '+41791234567', text: 'x', tag: 't' }),
    ).rejects.toMatchObject({
      code: 'NOTIFY-wrong-channel',
      permanent: true,
    });
  });
});
