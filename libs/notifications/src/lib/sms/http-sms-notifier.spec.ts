import { type LocalHttpServer, startLocalHttpServer } from '../../test-support/local-http-server';
import { recordingLogger } from '../../test-support/recording-logger';
import type { DeliveryError } from '../delivery-error';
import type { SmsNotification } from '../notification';
import { RetryingNotifier } from '../retry/retrying-notifier';
import { HttpSmsNotifier } from './http-sms-notifier';

const code: SmsNotification = {
  kind: 'sms',
  to: '+41791234567',
  text: 'Your sign-in code: 482913',
  tag: 'sign-in-code',
};

describe('HttpSmsNotifier (real HTTP server on 127.0.0.1)', () => {
  let gateway: LocalHttpServer;
  beforeEach(async () => {
    gateway = await startLocalHttpServer();
  });
  afterEach(() => gateway.close());

  it('posts { to, text } as JSON with the bearer token, and a 2xx means delivered', async () => {
    const logger = recordingLogger();
    const receipt = await new HttpSmsNotifier({ url: gateway.url, token: 'gw-token', logger }).send(
      code,
    );

    expect(gateway.received).toHaveLength(1);
    const [req] = gateway.received;
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/sms');
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers['authorization']).toBe('Bearer gw-token');
    expect(req.headers['idempotency-key']).toBe(receipt.id);
    expect(JSON.parse(req.body)).toEqual({ to: '+41791234567', text: 'Your sign-in code: 482913' });
    expect(receipt).toEqual({
      id: expect.any(String),
      channel: 'http-sms',
      tag: 'sign-in-code',
      attempts: 1,
      providerId: 'gw-1',
    });
    expect(logger.text()).not.toContain('482913');
    expect(logger.text()).not.toContain('+41791234567');
  });

  it('sends no Authorization header without a token', async () => {
    gateway.answerNext({ status: 202, body: '' });
    const receipt = await new HttpSmsNotifier({ url: gateway.url }).send(code);
    expect(gateway.received[0].headers['authorization']).toBeUndefined();
    expect(receipt.providerId).toBeUndefined();
  });

  it('delivers after a 500 when retried, with the same idempotency key on both attempts', async () => {
    gateway.answerNext({ status: 500, body: '{"error":"echo: Your sign-in code: 482913"}' });
    const logger = recordingLogger();
    const sms = new RetryingNotifier(new HttpSmsNotifier({ url: gateway.url }), {
      baseDelayMs: 5,
      logger,
    });

    const receipt = await sms.send(code);

    expect(receipt.attempts).toBe(2);
    expect(gateway.received).toHaveLength(2);
    const keys = gateway.received.map((r) => r.headers['idempotency-key']);
    expect(keys).toEqual([receipt.id, receipt.id]);
    expect(logger.records.map((r) => r.msg)).toEqual(['notification delivery failed, will retry']);
    expect(logger.text()).toContain('the SMS gateway answered HTTP 500');
    expect(logger.text()).not.toContain('482913');
  });

  it('does not retry a 4xx answer: the gateway refused this message for good', async () => {
    gateway.answerNext({ status: 400 }, { status: 400 });
    const sms = new RetryingNotifier(new HttpSmsNotifier({ url: gateway.url }), { baseDelayMs: 5 });
    await expect(sms.send(code)).rejects.toMatchObject({
      code: 'NOTIFY-sms-gateway-rejected',
      permanent: true,
      attempts: 1,
      lastError: 'the SMS gateway answered HTTP 400',
    });
    expect(gateway.received).toHaveLength(1);
  });

  it('retries 429 (too many requests) like a server error', async () => {
    gateway.answerNext({ status: 429 });
    const sms = new RetryingNotifier(new HttpSmsNotifier({ url: gateway.url }), { baseDelayMs: 5 });
    await expect(sms.send(code)).resolves.toMatchObject({ attempts: 2 });
  });

  it('gives up on a gateway that does not answer in time, and says so', async () => {
    gateway.answerNext('hang', 'hang');
    const sms = new RetryingNotifier(new HttpSmsNotifier({ url: gateway.url, timeoutMs: 150 }), {
      maxAttempts: 2,
      baseDelayMs: 5,
    });
    const started = Date.now();
    const error = (await sms.send(code).catch((e: unknown) => e)) as DeliveryError;
    expect(error.toFailure()).toEqual({
      code: 'NOTIFY-sms-gateway-timeout',
      channel: 'http-sms',
      tag: 'sign-in-code',
      attempts: 2,
      permanent: false,
      lastError: 'no answer within 150 ms',
    });
    expect(gateway.received).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('reports a gateway that is not there as unreachable', async () => {
    const gone = await startLocalHttpServer();
    await gone.close();
    await expect(new HttpSmsNotifier({ url: gone.url }).send(code)).rejects.toMatchObject({
      code: 'NOTIFY-sms-gateway-unreachable',
      permanent: false,
      lastError: expect.stringContaining('ECONNREFUSED'),
    });
  });
});
