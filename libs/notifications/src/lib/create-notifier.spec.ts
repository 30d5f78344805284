import { type LocalHttpServer, startLocalHttpServer } from '../test-support/local-http-server';
import {
  type LocalSmtpServer,
  splitMail,
  startLocalSmtpServer,
} from '../test-support/local-smtp-server';
import { recordingLogger } from '../test-support/recording-logger';
import { tempDir } from '../test-support/temp-dir';
import { notifierConfigVariables, readNotifierConfig } from './config/notifier-config';
import { NotifierConfigError } from './config/notifier-config-error';
import { createNotifier, type NotifierSetup } from './create-notifier';

const email = {
  kind: 'email',
  to: 'ada@example.com',
  subject: 'Code',
  text: 'Code 482913',
  tag: 'sign-in-code',
} as const;
const sms = { kind: 'sms', to: '+41791234567', text: 'Code 771204', tag: 'sign-in-code' } as const;

function configProblems(env: Record<string, string>): readonly string[] {
  try {
    readNotifierConfig(env);
  } catch (error) {
    if (error instanceof NotifierConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a NotifierConfigError');
}

describe('createNotifier', () => {
  const dir = tempDir('create-notifier-');
  const smtpCredentials = { user: 'mailer', pass: 'pw-123' };
  let smtp: LocalSmtpServer;
  let gateway: LocalHttpServer;
  const setups: NotifierSetup[] = [];
  const setup = (env: Record<string, string>) => {
    const created = createNotifier(readNotifierConfig(env), {
      dataDir: dir.path,
      logger: recordingLogger(),
    });
    setups.push(created);
    return created;
  };

  beforeAll(async () => {
    smtp = await startLocalSmtpServer(smtpCredentials);
    gateway = await startLocalHttpServer();
  });
  afterAll(async () => {
    await Promise.all(setups.map((s) => s.close()));
    await Promise.all([smtp.close(), gateway.close()]);
    dir.remove();
  });

  it('uses the dev outbox for both kinds when nothing is configured', async () => {
    const { notifier, outbox, channels } = setup({});
    expect(channels).toEqual({ email: 'outbox', sms: 'outbox' });
    await notifier.send(email);
    await notifier.send(sms);
    expect((await outbox?.list())?.map((i) => i.text)).toEqual(['Code 771204', 'Code 482913']);
  });

  it('sends email over SMTP and SMS to the HTTP gateway when chosen, retrying transient failures', async () => {
    const { notifier, outbox, verify } = setup({
      NOTIFIER_EMAIL: 'smtp',
      NOTIFIER_SMS: 'http',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      SMTP_USER: smtpCredentials.user,
      SMTP_PASS: smtpCredentials.pass,
      SMTP_FROM: 'Accounts <no-reply@example.com>',
      SMS_GATEWAY_URL: gateway.url,
      SMS_GATEWAY_TOKEN: 'gw-token',
      NOTIFIER_RETRY_BASE_MS: '5',
    });
    expect(outbox).toBeUndefined();
    await expect(verify()).resolves.toBeUndefined();

    await expect(notifier.send(email)).resolves.toMatchObject({ channel: 'smtp', attempts: 1 });
    expect(splitMail(smtp.received.at(-1)?.raw ?? '').body).toContain('Code 482913');

    gateway.answerNext({ status: 503 });
    await expect(notifier.send(sms)).resolves.toMatchObject({ channel: 'http-sms', attempts: 2 });
    expect(gateway.received.at(-1)?.headers['authorization']).toBe('Bearer gw-token');
    expect(JSON.parse(gateway.received.at(-1)?.body ?? '')).toEqual({
      to: '+41791234567',
      text: 'Code 771204',
    });
  });

  it('mixes channels: SMTP for email, the dev outbox for SMS', async () => {
    const { notifier, outbox } = setup({
      NOTIFIER_EMAIL: 'smtp',
      SMTP_URL: `smtp://mailer:pw-123@127.0.0.1:${smtp.port}`,
      SMTP_FROM: 'no-reply@example.com',
    });
    await expect(notifier.send(email)).resolves.toMatchObject({ channel: 'smtp' });
    await expect(notifier.send(sms)).resolves.toMatchObject({ channel: 'outbox' });
    expect((await outbox?.list({ limit: 1 }))?.[0]).toMatchObject({
      kind: 'sms',
      text: 'Code 771204',
    });
  });

  it('fails its health check when the SMTP server refuses the credentials', async () => {
    const { verify } = setup({
      NOTIFIER_EMAIL: 'smtp',
      SMTP_URL: `smtp://mailer:wrong@127.0.0.1:${smtp.port}`,
      SMTP_FROM: 'no-reply@example.com',
    });
    await expect(verify()).rejects.toMatchObject({
      code: 'NOTIFY-smtp-auth-failed',
      permanent: true,
    });
  });

  it('stops at start when a chosen channel lacks what it needs', () => {
    expect(configProblems({ NOTIFIER_EMAIL: 'smtp', NOTIFIER_SMS: 'http' })).toEqual([
      'SMTP_URL or SMTP_HOST: missing; NOTIFIER_EMAIL=smtp needs a server',
      'SMTP_FROM: missing; NOTIFIER_EMAIL=smtp needs a From address',
      'SMS_GATEWAY_URL: missing; NOTIFIER_SMS=http needs the gateway endpoint',
    ]);
  });
});

describe('readNotifierConfig', () => {
  it('applies the defaults', () => {
    expect(readNotifierConfig({})).toEqual({
      NOTIFIER_EMAIL: 'outbox',
      NOTIFIER_SMS: 'outbox',
      SMTP_URL: undefined,
      SMTP_HOST: undefined,
      SMTP_PORT: undefined,
      SMTP_SECURE: false,
      SMTP_USER: undefined,
      SMTP_PASS: undefined,
      SMTP_FROM: undefined,
      SMTP_TIMEOUT_MS: 10_000,
      SMS_GATEWAY_URL: undefined,
      SMS_GATEWAY_TOKEN: undefined,
      SMS_GATEWAY_TIMEOUT_MS: 10_000,
      NOTIFIER_MAX_ATTEMPTS: 4,
      NOTIFIER_RETRY_BASE_MS: 500,
    });
  });

  it('names every wrong value in one error and never repeats a secret', () => {
    const problems = configProblems({
      NOTIFIER_EMAIL: 'sendgrid',
      SMTP_URL: 'http://mailer:hunter2@mail',
      SMTP_PORT: '99999',
      SMTP_SECURE: 'maybe',
      SMS_GATEWAY_URL: 'ftp://gw',
      NOTIFIER_MAX_ATTEMPTS: '0',
    });
    expect(problems).toEqual([
      'NOTIFIER_EMAIL: expected one of outbox, smtp, got "sendgrid"',
      'SMTP_URL: expected a URL starting with smtp:// or smtps://, (value hidden: secret)',
      'SMTP_PORT: expected an integer from 1 to 65535, got "99999"',
      'SMTP_SECURE: expected true or false, got "maybe"',
      'SMS_GATEWAY_URL: expected a URL starting with http:// or https://, got "ftp://gw"',
      'NOTIFIER_MAX_ATTEMPTS: expected an integer from 1 to 10, got "0"',
    ]);
    expect(() => readNotifierConfig({ SMTP_PORT: 'x' })).toThrow(
      'Invalid notifier configuration (environment variables):\n  - SMTP_PORT: expected an integer from 1 to 65535, got "x"',
    );
  });

  it('treats an empty value as unset and reads channel names without case', () => {
    expect(
      readNotifierConfig({ NOTIFIER_SMS: '', NOTIFIER_EMAIL: ' OUTBOX ', SMTP_SECURE: 'yes' }),
    ).toMatchObject({
      NOTIFIER_SMS: 'outbox',
      NOTIFIER_EMAIL: 'outbox',
      SMTP_SECURE: true,
    });
  });
});

describe('notifierConfigVariables', () => {
  it('documents every variable for the README, secrets marked', () => {
    expect(notifierConfigVariables.map((v) => v.name)).toEqual(Object.keys(readNotifierConfig({})));
    expect(
      notifierConfigVariables.every((v) => v.description.length > 10 && v.expected.length > 0),
    ).toBe(true);
    expect(notifierConfigVariables.find((v) => v.name === 'NOTIFIER_EMAIL')).toMatchObject({
      default: 'outbox',
      required: false,
    });
    expect(notifierConfigVariables.filter((v) => v.secret).map((v) => v.name)).toEqual([
      'SMTP_URL',
      'SMTP_PASS',
      'SMS_GATEWAY_TOKEN',
    ]);
  });
});

describe('the dev outbox in production', () => {
  it('is refused with NODE_ENV=production, naming each channel still on the outbox', () => {
    expect(configProblems({ NODE_ENV: 'production' })).toEqual([
      'NOTIFIER_EMAIL: outbox is for development only (NODE_ENV=production); set smtp',
      'NOTIFIER_SMS: outbox is for development only (NODE_ENV=production); set http',
    ]);
  });

  it('is refused when EventStoreDB is configured, even without NODE_ENV', () => {
    expect(
      configProblems({
        EVENTSTORE_CONNECTION_STRING: 'esdb://127.0.0.1:2113',
        NOTIFIER_EMAIL: 'smtp',
        SMTP_HOST: 'mail.example.com',
        SMTP_FROM: 'no-reply@example.com',
      }),
    ).toEqual([
      'NOTIFIER_SMS: outbox is for development only (EVENTSTORE_CONNECTION_STRING is set); set http',
    ]);
  });

  it('is not needed in production once both channels are real', () => {
    const config = readNotifierConfig({
      NODE_ENV: 'production',
      NOTIFIER_EMAIL: 'smtp',
      SMTP_HOST: 'mail.example.com',
      SMTP_FROM: 'no-reply@example.com',
      NOTIFIER_SMS: 'http',
      SMS_GATEWAY_URL: 'https://sms.example.com/send',
    });
    expect(config).toMatchObject({ NOTIFIER_EMAIL: 'smtp', NOTIFIER_SMS: 'http' });
    expect(readNotifierConfig({ NODE_ENV: 'development' })).toMatchObject({
      NOTIFIER_EMAIL: 'outbox',
    });
  });
});
