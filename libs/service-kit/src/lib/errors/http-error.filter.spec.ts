import { DomainError, type DomainErrorKind } from '@accounts/event-sourcing';
import {
  EventStoreUnavailableError,
  InvalidEventStoreInputError,
  WrongExpectedVersionError,
} from '@accounts/event-store';
import { Body, Controller, ForbiddenException, Get, Param, Post } from '@nestjs/common';
import request from 'supertest';
import { createTestApp, type TestApp } from '../app/create-test-app';

@Controller('fail')
class FailingController {
  @Get('domain/:kind')
  domain(@Param('kind') kind: DomainErrorKind): never {
    throw new DomainError(kind, `TEST-${kind}`, `refused as ${kind}`, {
      field: 'userName',
      ...(kind === 'too_many_attempts' && { retryAfterSeconds: 29.2 }),
    });
  }

  @Get('wrong-expected-version')
  wrongExpectedVersion(): never {
    throw new WrongExpectedVersionError('account-42', 3, 4);
  }

  @Get('invalid-store-input')
  invalidStoreInput(): never {
    throw new InvalidEventStoreInputError('streamId', 'must not be empty');
  }

  @Get('store-unavailable')
  storeUnavailable(): never {
    throw new EventStoreUnavailableError('connection refused to 10.0.0.7:2113');
  }

  @Get('http')
  http(): never {
    throw new ForbiddenException('Only administrators may do this');
  }

  @Get('bug')
  bug(): never {
    throw new TypeError(
      "Cannot read properties of undefined (reading 'secretKey') at /srv/app/main.js:12",
    );
  }

  @Post('echo')
  echo(@Body() body: unknown): unknown {
    return body;
  }
}

describe('HttpErrorFilter (over HTTP)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ controllers: [FailingController] });
  });
  afterAll(() => t.close());

  const http = () => request(t.app.getHttpServer());

  it.each([
    ['invalid', 400, 'Bad Request'],
    ['unauthorized', 401, 'Unauthorized'],
    ['forbidden', 403, 'Forbidden'],
    ['not_found', 404, 'Not Found'],
    ['conflict', 409, 'Conflict'],
  ])('answers a DomainError of kind %s with %i', async (kind, status, error) => {
    const res = await http().get(`/fail/domain/${kind}`).expect(status);
    expect(res.body).toEqual({
      statusCode: status,
      error,
      message: `refused as ${kind}`,
      code: `TEST-${kind}`,
      details: { field: 'userName' },
    });
    expect(res.headers['retry-after']).toBeUndefined();
  });

  it('answers too_many_attempts with 429 and a Retry-After header in whole seconds', async () => {
    const res = await http().get('/fail/domain/too_many_attempts').expect(429);
    expect(res.headers['retry-after']).toBe('30');
    expect(res.body).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      message: 'refused as too_many_attempts',
      code: 'TEST-too_many_attempts',
      details: { field: 'userName', retryAfterSeconds: 29.2 },
    });
  });

  it('answers a concurrent write with 409 and no stream internals', async () => {
    const res = await http().get('/fail/wrong-expected-version').expect(409);
    expect(res.body).toMatchObject({
      statusCode: 409,
      error: 'Conflict',
      code: 'STORE-wrong-expected-version',
    });
    expect(res.body.message).not.toContain('account-42');
  });

  it('answers input the store refuses with 400', async () => {
    const res = await http().get('/fail/invalid-store-input').expect(400);
    expect(res.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'streamId: must not be empty',
      code: 'STORE-invalid-input',
    });
  });

  it('answers an unreachable store with 503 and Retry-After, without the address', async () => {
    const res = await http().get('/fail/store-unavailable').expect(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.body.code).toBe('STORE-unavailable');
    expect(JSON.stringify(res.body)).not.toContain('10.0.0.7');
  });

  it('keeps a Nest HttpException status and message', async () => {
    const res = await http().get('/fail/http').expect(403);
    expect(res.body).toEqual({
      statusCode: 403,
      error: 'Forbidden',
      message: 'Only administrators may do this',
    });
  });

  it('answers an unknown route with 404 in the same shape', async () => {
    const res = await http().get('/nowhere').expect(404);
    expect(res.body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'Cannot GET /nowhere',
    });
  });

  it('answers a bug with a generic 500 and logs it with its stack and correlation id', async () => {
    const res = await http().get('/fail/bug').set('X-Correlation-Id', 'bug-hunt-1').expect(500);
    expect(res.body).toEqual({
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'An unexpected error occurred; it has been logged',
      code: 'SERVER-internal-error',
    });
    expect(JSON.stringify(res.body)).not.toContain('secretKey');
    const logged = t.logs.find((l) => l['correlationId'] === 'bug-hunt-1');
    expect(logged).toMatchObject({ level: 'error', msg: 'GET /fail/bug 500 failed' });
    expect((logged?.['err'] as { stack: string }).stack).toContain('TypeError');
  });

  it('answers a malformed JSON body with 400 "Malformed JSON body"', async () => {
    const res = await http()
      .post('/fail/echo')
      .set('Content-Type', 'application/json')
      .set('X-Correlation-Id', 'bad-json-1')
      .send('{"userName": "ann",')
      .expect(400);
    expect(res.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'Malformed JSON body',
      code: 'REQUEST-malformed-json',
    });
    expect(res.headers['x-correlation-id']).toBe('bad-json-1');
  });

  it('answers a body over the size limit with 413', async () => {
    const res = await http()
      .post('/fail/echo')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ blob: 'x'.repeat(200_000) }))
      .expect(413);
    expect(res.body).toEqual({
      statusCode: 413,
      error: 'Payload Too Large',
      message: 'Request body is too large',
      code: 'REQUEST-body-too-large',
    });
  });

  it('answers a JSON body that is not an object or array as malformed, and reads an empty one as {}', async () => {
    const res = await http()
      .post('/fail/echo')
      .set('Content-Type', 'application/json')
      .send('"just a string"')
      .expect(400);
    expect(res.body.code).toBe('REQUEST-malformed-json');
    await http().post('/fail/echo').set('Content-Type', 'application/json').expect(201, {});
  });

  it('answers a body of a type no parser reads with 415 in the same shape', async () => {
    const res = await http()
      .post('/fail/echo')
      .set('Content-Type', 'application/xml')
      .send('<a/>')
      .expect(415);
    expect(res.body).toMatchObject({
      statusCode: 415,
      error: 'Unsupported Media Type',
      code: 'REQUEST-unsupported-media-type',
    });
  });

  it('routes a path with a trailing slash as the path without it', async () => {
    await http().post('/fail/echo/').send({ a: 2 }).expect(201, { a: 2 });
  });

  it('still reads well-formed JSON and form bodies', async () => {
    await http().post('/fail/echo').send({ a: 1 }).expect(201, { a: 1 });
    await http().post('/fail/echo').type('form').send('grant_type=client_credentials').expect(201, {
      grant_type: 'client_credentials',
    });
  });
});
