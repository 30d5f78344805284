import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import request from 'supertest';
import { createTestApp, type TestApp } from '../app/create-test-app';

@Controller('accounts')
class AccountsController {
  @Get(':id')
  find(@Param('id') id: string): { id: string } {
    if (id === 'missing') throw new NotFoundException('No such account');
    return { id };
  }
}

describe('GET /metrics', () => {
  let first: TestApp;
  let second: TestApp;
  beforeAll(async () => {
    // Two apps in one process: each has its own registry, so nothing clashes.
    first = await createTestApp({
      serviceName: 'profile-service',
      controllers: [AccountsController],
    });
    second = await createTestApp({ serviceName: 'auth-service' });
  });
  afterAll(async () => {
    await first.close();
    await second.close();
  });

  it('serves Prometheus text with process metrics and request durations by route pattern', async () => {
    const http = request(first.app.getHttpServer());
    await http.get('/accounts/a1').expect(200);
    await http.get('/accounts/b2').expect(200);
    await http.get('/accounts/missing').expect(404);
    await http.get('/no/such/route/x93').expect(404);

    const res = await http.get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    const text = res.text;
    expect(text).toContain('process_cpu_user_seconds_total{service="profile-service"}');
    // Still reported with the event-loop delay sampled every 100 ms instead of every 10 ms.
    expect(text).toMatch(/nodejs_eventloop_lag_p99_seconds\{service="profile-service"\} \d/);
    expect(text).toContain('# TYPE http_request_duration_seconds histogram');
    expect(text).toMatch(
      /http_request_duration_seconds_count\{service="profile-service",method="GET",route="\/accounts\/:id",status="200"\} 2/,
    );
    expect(text).toMatch(
      /http_request_duration_seconds_count\{service="profile-service",method="GET",route="\/accounts\/:id",status="404"\} 1/,
    );
    expect(text).toMatch(/route="unmatched",status="404"/);
    expect(text).not.toContain('/accounts/a1');
    expect(text).not.toContain('x93');

    // The labelled series made at the first request keeps counting.
    await http.get('/accounts/c3').expect(200);
    const later = (await http.get('/metrics').expect(200)).text;
    expect(later).toMatch(
      /http_request_duration_seconds_count\{service="profile-service",method="GET",route="\/accounts\/:id",status="200"\} 3/,
    );
  });

  it('keeps each app to its own numbers', async () => {
    const res = await request(second.app.getHttpServer()).get('/metrics').expect(200);
    expect(res.text).toContain('service="auth-service"');
    expect(res.text).not.toContain('/accounts/:id');
  });
});
