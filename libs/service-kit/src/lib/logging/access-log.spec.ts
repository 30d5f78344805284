import { Controller, Get, Logger } from '@nestjs/common';
import request from 'supertest';
import { createTestApp, type TestApp } from '../app/create-test-app';

@Controller('things')
class ThingsController {
  private readonly logger = new Logger('ThingsController');

  @Get()
  list(): { items: [] } {
    this.logger.log('listing');
    return { items: [] };
  }
}

const accessLines = (t: TestApp) => t.logs.filter((l) => 'responseTime' in l);

describe('access log (one line per request)', () => {
  let t: TestApp;
  let quiet: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ controllers: [ThingsController] });
    quiet = await createTestApp({ controllers: [ThingsController], env: { LOG_LEVEL: 'warn' } });
  });
  afterAll(async () => {
    await t.close();
    await quiet.close();
  });

  it('writes exactly one line per request, after the handler lines, with the time it took', async () => {
    await request(t.app.getHttpServer()).get('/things?page=2').set('X-Correlation-Id', 'one-line');
    const lines = t.logs.filter((l) => l['correlationId'] === 'one-line');
    expect(lines.map((l) => l.msg)).toEqual([
      'listing',
      expect.stringMatching(/^GET \/things 200 \d+ms$/),
    ]);
    expect(lines[1]).toMatchObject({
      level: 'info',
      req: { id: 'one-line', method: 'GET', url: '/things?page=2' },
      res: { statusCode: 200 },
      responseTime: expect.any(Number),
    });
    // Handler lines carry the correlation id, not a copy of the request.
    expect(lines[0]['req']).toBeUndefined();
  });

  it("keeps the answer's own response headers, not the ones every answer carries", async () => {
    await request(t.app.getHttpServer()).get('/things').set('X-Correlation-Id', 'answer-headers');
    const [line] = accessLines(t).filter((l) => l['correlationId'] === 'answer-headers');
    const headers = (line['res'] as { headers: Record<string, unknown> }).headers;
    expect(headers).toEqual({
      'content-type': expect.stringMatching(/^application\/json/),
      'content-length': expect.anything(),
    });
  });

  it('leaves out probes and scrapes (/health, /metrics)', async () => {
    const before = accessLines(t).length;
    await request(t.app.getHttpServer()).get('/health').expect(200);
    await request(t.app.getHttpServer()).get('/metrics').expect(200);
    expect(accessLines(t).length).toBe(before);
  });

  it('at LOG_LEVEL=warn, keeps refused requests (warn) and drops successful ones', async () => {
    await request(quiet.app.getHttpServer())
      .get('/things')
      .set('X-Correlation-Id', 'ok-1')
      .expect(200);
    await request(quiet.app.getHttpServer())
      .get('/nowhere')
      .set('X-Correlation-Id', 'lost-1')
      .expect(404);
    expect(quiet.logs.filter((l) => l['correlationId'] === 'ok-1')).toEqual([]);
    expect(quiet.logs.filter((l) => l['correlationId'] === 'lost-1')).toEqual([
      expect.objectContaining({
        level: 'warn',
        msg: expect.stringMatching(/^GET \/nowhere 404 \d+ms$/),
      }),
    ]);
  });

  it('logs each app to its own stream when several run in one process', async () => {
    await request(quiet.app.getHttpServer()).get('/nowhere').set('X-Correlation-Id', 'whose-1');
    await request(t.app.getHttpServer()).get('/things').set('X-Correlation-Id', 'whose-2');
    expect(t.logs.some((l) => l['correlationId'] === 'whose-1')).toBe(false);
    expect(quiet.logs.some((l) => l['correlationId'] === 'whose-2')).toBe(false);
    expect(t.logs.filter((l) => l['correlationId'] === 'whose-2').map((l) => l.msg)).toEqual([
      'listing',
      expect.stringMatching(/^GET \/things 200/),
    ]);
  });
});
