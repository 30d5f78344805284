import { Body, Controller, Get, Logger, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import request from 'supertest';
import { createTestApp, type TestApp } from '../app/create-test-app';
import { RequestContext } from './request-context';
import { currentRequestContext } from './request-context-storage';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

@Controller('ctx')
class ContextController {
  private readonly logger = new Logger('ContextController');

  @Get()
  async read(@RequestContext() ctx: RequestContext): Promise<unknown> {
    // Something asynchronous in between, as a command handler would do.
    await new Promise((resolve) => setTimeout(resolve, 5));
    this.logger.log('handling');
    return { fromDecorator: ctx, fromStorage: currentRequestContext() };
  }

  @Post('login')
  login(
    @Body() body: Record<string, unknown>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): { ok: true } {
    this.logger.log({ body }, 'login attempt');
    reply.header('set-cookie', 'session=opaque-session-secret; HttpOnly');
    return { ok: true };
  }
}

describe('correlation id and request context (over HTTP)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ controllers: [ContextController] });
  });
  afterAll(() => t.close());

  const http = () => request(t.app.getHttpServer());
  const linesOf = (correlationId: string) =>
    t.logs.filter((l) => l['correlationId'] === correlationId);

  it('echoes a valid X-Correlation-Id and gives it, the ip and the user agent to handlers', async () => {
    const res = await http()
      .get('/ctx')
      .set('X-Correlation-Id', 'web-7f3a:req.42')
      .set('User-Agent', 'accounts-test/1.0')
      .expect(200);
    expect(res.headers['x-correlation-id']).toBe('web-7f3a:req.42');
    const expected = {
      correlationId: 'web-7f3a:req.42',
      ip: expect.stringMatching(/127\.0\.0\.1/),
      userAgent: 'accounts-test/1.0',
    };
    expect(res.body).toEqual({ fromDecorator: expected, fromStorage: expected });
  });

  it('keeps concurrent requests to their own context and their own handler lines', async () => {
    const ids = ['together-1', 'together-2', 'together-3'];
    const answers = await Promise.all(
      ids.map((id) => http().get('/ctx').set('X-Correlation-Id', id).expect(200)),
    );
    expect(answers.map((a) => a.body.fromStorage.correlationId)).toEqual(ids);
    for (const id of ids) expect(linesOf(id).map((l) => l.msg)[0]).toBe('handling');
  });

  it('generates a UUID when the header is missing', async () => {
    const res = await http().get('/ctx').expect(200);
    expect(res.headers['x-correlation-id']).toMatch(UUID);
    expect(res.body.fromStorage.correlationId).toBe(res.headers['x-correlation-id']);
  });

  it.each([
    ['too long', 'a'.repeat(129)],
    ['with characters that could forge log lines', 'abc"\\u000a{"level":"fatal"}'],
    ['with spaces', 'two words'],
  ])('replaces a correlation id %s by a fresh UUID', async (_why, value) => {
    const res = await http().get('/ctx').set('X-Correlation-Id', value).expect(200);
    expect(res.headers['x-correlation-id']).toMatch(UUID);
  });

  it('puts the correlation id on the request log line and on the handler lines', async () => {
    await http().get('/ctx').set('X-Correlation-Id', 'trace-me-1').expect(200);
    const lines = linesOf('trace-me-1');
    expect(lines.map((l) => l.msg)).toEqual([
      'handling',
      expect.stringMatching(/^GET \/ctx 200 \d+ms$/),
    ]);
    expect(lines[1]).toMatchObject({
      level: 'info',
      service: 'test-service',
      req: { method: 'GET', url: '/ctx' },
    });
  });

  it('never logs credentials: authorization, cookies, set-cookie and secret body fields', async () => {
    await http()
      .post('/ctx/login')
      .set('X-Correlation-Id', 'secret-check-1')
      .set('Authorization', 'Bearer eyJhbGciOi.secret.token')
      .set('Cookie', 'trusted_device=device-secret')
      .send({ userName: 'ann', password: 'Hunter2!', code: '123456', token: 'activation-token' })
      .expect(201);
    const lines = linesOf('secret-check-1');
    const text = JSON.stringify(lines);
    for (const secret of [
      'eyJhbGciOi',
      'device-secret',
      'opaque-session-secret',
      'Hunter2!',
      '123456',
      'activation-token',
    ]) {
      expect(text).not.toContain(secret);
    }
    const access = lines.find((l) => l.msg?.startsWith('POST'));
    expect(access).toMatchObject({
      req: { headers: { authorization: '[REDACTED]', cookie: '[REDACTED]' } },
      res: { headers: { 'set-cookie': '[REDACTED]' } },
    });
    expect(lines.find((l) => l.msg === 'login attempt')).toMatchObject({
      body: { userName: 'ann', password: '[REDACTED]', code: '[REDACTED]', token: '[REDACTED]' },
    });
  });
});
