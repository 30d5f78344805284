import type { INestApplication } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { recordingLogger } from '../../test-support/recording-logger';
import { tempDir } from '../../test-support/temp-dir';
import { DevOutbox } from './dev-outbox';
import { DevOutboxController } from './dev-outbox.controller';
import { DevOutboxModule } from './dev-outbox.module';

describe('GET /dev/outbox', () => {
  const dir = tempDir('outbox-http-');
  let app: INestApplication;
  let outbox: DevOutbox;

  beforeAll(async () => {
    outbox = new DevOutbox({ dataDir: dir.path, logger: recordingLogger() });
    const moduleRef = await Test.createTestingModule({
      imports: [DevOutboxModule.serving(outbox)],
    }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), {
      logger: false,
    });
    await app.init();
    await (app as NestFastifyApplication).getHttpAdapter().getInstance().ready();
    // Another process (say credentials-service) writing to the same outbox file.
    const other = new DevOutbox({ dataDir: dir.path, logger: recordingLogger() });
    await outbox.send({
      kind: 'email',
      to: 'ada@example.com',
      subject: 'Activate',
      text: 'Open /activate?token=abc',
      tag: 'activation',
    });
    await other.send({ kind: 'sms', to: '+41791234567', text: 'Code 123456', tag: 'sign-in-code' });
    await outbox.send({
      kind: 'email',
      to: 'ada@example.com',
      subject: 'Code',
      text: 'Code 654321',
      tag: 'sign-in-code',
    });
  });

  afterAll(async () => {
    await app.close();
    dir.remove();
  });

  it('answers every message newest first, bodies included', async () => {
    const res = await request(app.getHttpServer()).get('/dev/outbox').expect(200);
    expect(res.body.items.map((i: { text: string }) => i.text)).toEqual([
      'Code 654321',
      'Code 123456',
      'Open /activate?token=abc',
    ]);
    expect(res.body.items[0]).toEqual({
      id: expect.any(String),
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      kind: 'email',
      to: 'ada@example.com',
      tag: 'sign-in-code',
      subject: 'Code',
      text: 'Code 654321',
    });
  });

  it('narrows to one recipient and a limit', async () => {
    const res = await request(app.getHttpServer())
      .get('/dev/outbox')
      .query({ to: 'ADA@example.com', limit: '1' })
      .expect(200);
    expect(res.body.items.map((i: { text: string }) => i.text)).toEqual(['Code 654321']);
    const sms = await request(app.getHttpServer()).get('/dev/outbox?to=%2B41791234567').expect(200);
    expect(sms.body.items.map((i: { text: string }) => i.text)).toEqual(['Code 123456']);
  });

  it('rejects a limit out of range with a stable code', async () => {
    for (const limit of ['0', '201', 'ten', '-1']) {
      const res = await request(app.getHttpServer())
        .get('/dev/outbox')
        .query({ limit })
        .expect(400);
      expect(res.body).toMatchObject({
        code: 'NOTIFY-invalid-outbox-query',
        message: expect.stringContaining('limit'),
      });
    }
    const twice = await request(app.getHttpServer()).get('/dev/outbox?to=a@b&to=c@d').expect(400);
    expect(twice.body.code).toBe('NOTIFY-invalid-outbox-query');
  });

  it('is open without an access token (a developer reads the sign-in code here before signing in)', () => {
    // The key @accounts/security's AccessTokenGuard skips; that lib cannot be imported from here.
    expect(Reflect.getMetadata('accounts:public', DevOutboxController)).toBe(true);
  });
});
