import { Controller, Get, Post } from '@nestjs/common';
import { ApiConflictResponse } from '@nestjs/swagger';
import request from 'supertest';
import { createTestApp, type TestApp } from '../app/create-test-app';

@Controller('things')
class ThingsController {
  @Get()
  list(): string[] {
    return [];
  }

  @Post()
  @ApiConflictResponse({ description: 'A thing of that name exists' })
  create(): string {
    return 'made';
  }
}

describe('OpenAPI', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      serviceName: 'profile-service',
      controllers: [ThingsController],
    });
  });
  afterAll(() => t.close());

  it('serves the Swagger UI at /docs', async () => {
    const res = await request(t.app.getHttpServer()).get('/docs').expect(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('<title>profile-service</title>');
    expect(res.text).toContain('swagger-ui');
  });

  it('serves the document at /docs-json, titled after the service, with the operational routes', async () => {
    const res = await request(t.app.getHttpServer()).get('/docs-json').expect(200);
    expect(res.body.info.title).toBe('profile-service');
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/things', '/health', '/metrics']),
    );
  });

  it('declares every error answer of every operation with the one ErrorBody schema', async () => {
    const res = await request(t.app.getHttpServer()).get('/docs-json').expect(200);
    expect(res.body.components.schemas.ErrorBody.required).toEqual([
      'statusCode',
      'error',
      'message',
    ]);
    for (const status of ['400', '401', '403', '404', '409', '429']) {
      expect(
        res.body.paths['/things'].get.responses[status].content['application/json'].schema,
      ).toEqual({
        $ref: '#/components/schemas/ErrorBody',
      });
    }
    expect(res.body.paths['/things'].get.responses['200']).toBeDefined();
  });

  it("keeps a route's own words for an error status, with the ErrorBody shape", async () => {
    const res = await request(t.app.getHttpServer()).get('/docs-json').expect(200);
    expect(res.body.paths['/things'].post.responses['409']).toEqual({
      description: 'A thing of that name exists',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } },
    });
    expect(res.body.paths['/things'].post.responses['413'].description).toBe(
      'The body is larger than the limit',
    );
  });
});
