import { Body, Controller, Get, Header, Post } from '@nestjs/common';
import { IsString, MaxLength } from 'class-validator';
import request from 'supertest';
import { createTestApp, type TestApp } from '../app/create-test-app';
import { jsonDepthExceeds, MAX_JSON_DEPTH } from './json-depth';

class NoteDto {
  @IsString()
  @MaxLength(20)
  readonly text!: string;
}

@Controller('notes')
class NotesController {
  @Post()
  add(@Body() body: NoteDto): NoteDto {
    return body;
  }

  @Get('public')
  @Header('Cache-Control', 'public, max-age=300')
  publicAnswer(): { ok: true } {
    return { ok: true };
  }
}

/** `{"text":{"text":…"x"…}}` nested `levels` objects deep. */
function nested(levels: number): string {
  return '{"text":'.repeat(levels) + '"x"' + '}'.repeat(levels);
}

describe('input and transport hardening (over HTTP)', () => {
  let t: TestApp;
  let behindProxy: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ controllers: [NotesController] });
    behindProxy = await createTestApp({
      controllers: [NotesController],
      env: { TRUST_PROXY: 'loopback' },
    });
  });
  afterAll(async () => {
    await t.close();
    await behindProxy.close();
  });

  const http = () => request(t.app.getHttpServer());

  it('refuses deeply nested JSON (1,300 levels, unauthenticated) with 400 before validation', async () => {
    const res = await http()
      .post('/notes')
      .set('Content-Type', 'application/json')
      .send(nested(1300))
      .expect(400);
    expect(res.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: `The JSON body nests deeper than ${MAX_JSON_DEPTH} levels`,
      code: 'REQUEST-json-too-deep',
    });
  });

  it('refuses deep arrays as well, and accepts ordinary bodies', async () => {
    await http()
      .post('/notes')
      .set('Content-Type', 'application/json')
      .send('['.repeat(40) + ']'.repeat(40))
      .expect(400);
    await http().post('/notes').send({ text: 'hello' }).expect(201, { text: 'hello' });
  });

  it('counts depth without recursion and stops at the limit', () => {
    expect(jsonDepthExceeds({ a: { b: [1, { c: 2 }] } }, 4)).toBe(false);
    expect(jsonDepthExceeds({ a: { b: [1, { c: {} }] } }, 4)).toBe(true);
    expect(jsonDepthExceeds(JSON.parse(nested(100_000)), 32)).toBe(true);
    expect(jsonDepthExceeds('text', 0)).toBe(false);
  });

  it('sends nosniff, frame denial and a deny-all content security policy on every answer, errors included', async () => {
    for (const res of [
      await http().post('/notes').send({ text: 'hi' }),
      await http().get('/nowhere'),
    ]) {
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['content-security-policy']).toBe(
        "default-src 'none';frame-ancestors 'none'",
      );
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('marks answers Cache-Control: no-store unless the route says it is public', async () => {
    expect((await http().post('/notes').send({ text: 'hi' })).headers['cache-control']).toBe(
      'no-store',
    );
    expect((await http().post('/notes').send({ text: 7 })).headers['cache-control']).toBe(
      'no-store',
    );
    expect((await http().get('/notes/public')).headers['cache-control']).toBe(
      'public, max-age=300',
    );
  });

  it('sends HSTS only when served over HTTPS (here: a trusted proxy says so)', async () => {
    const plain = await http().get('/notes/public');
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    const proxied = await request(behindProxy.app.getHttpServer())
      .get('/notes/public')
      .set('X-Forwarded-Proto', 'https');
    expect(proxied.headers['strict-transport-security']).toBe(
      'max-age=31536000; includeSubDomains',
    );
    // An untrusted client cannot claim HTTPS.
    const spoofed = await http().get('/notes/public').set('X-Forwarded-Proto', 'https');
    expect(spoofed.headers['strict-transport-security']).toBeUndefined();
  });

  it('leaves the Swagger UI its scripts', async () => {
    const res = await http().get('/docs/').expect(200);
    expect(res.headers['content-security-policy']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});
