import { Controller, Get } from '@nestjs/common';
import request from 'supertest';
import { createTestApp, type TestApp } from '../app/create-test-app';

@Controller('things')
class ThingsController {
  @Get()
  list(): string[] {
    return [];
  }
}

describe('OpenAPI', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ serviceName: 'profile-service', controllers: [ThingsController] });
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
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/things', '/health', '/metrics']));
  });
});
