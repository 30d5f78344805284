import { EventStoreUnavailableError, type EventStore } from '@accounts/event-store';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { createTestApp, type TestApp } from '../app/create-test-app';
import { HealthIndicatorRegistry } from './health-indicator-registry';

/** Test double for the *down* case only: an event store that cannot be reached. */
function unreachableStore(): EventStore {
  const unavailable = () => Promise.reject(new EventStoreUnavailableError('connection refused'));
  return {
    append: unavailable,
    readStream: unavailable,
    readAll: unavailable,
    readAllRaw: unavailable,
    subscribe: () => {
      throw new EventStoreUnavailableError('connection refused');
    },
    headPosition: unavailable,
    ping: unavailable,
    close: () => Promise.resolve(),
  };
}

/** What a later part (projection lag, Kafka relay) does to appear in /health. */
@Injectable()
class ProjectionLagIndicator implements OnModuleInit {
  constructor(
    private readonly registry: HealthIndicatorRegistry,
    private readonly indicators: HealthIndicatorService,
  ) {}

  onModuleInit(): void {
    this.registry.register(async () => this.indicators.check('projections').up({ lag: 0 }));
  }
}

describe('GET /health', () => {
  // A single process: worker 1, which maintains the read models (WORKERS > 1: see cluster.process.spec.ts).
  const worker = { status: 'up', id: 1, pid: process.pid, projects: true };

  describe('with the embedded SQLite store', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ providers: [ProjectionLagIndicator] });
    });
    afterAll(() => t.close());

    it('answers 200 with every registered indicator up', async () => {
      const res = await request(t.app.getHttpServer()).get('/health').expect(200);
      expect(res.body).toEqual({
        status: 'ok',
        info: { eventStore: { status: 'up' }, projections: { status: 'up', lag: 0 }, worker },
        error: {},
        details: { eventStore: { status: 'up' }, projections: { status: 'up', lag: 0 }, worker },
      });
    });

    it('keeps the store in DATA_DIR/events.sqlite', () => {
      expect(existsSync(join(t.dataDir, 'events.sqlite'))).toBe(true);
    });
  });

  describe('when the event store cannot be reached', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ eventStore: unreachableStore() });
    });
    afterAll(() => t.close());

    it('answers 503 in the error shape, saying what is down and why', async () => {
      const res = await request(t.app.getHttpServer()).get('/health').expect(503);
      expect(res.body).toEqual({
        statusCode: 503,
        error: 'Service Unavailable',
        message: 'Unhealthy: eventStore',
        code: 'HEALTH-check-failed',
        details: {
          status: 'error',
          info: { worker },
          error: {
            eventStore: {
              status: 'down',
              message: 'connection refused',
              code: 'STORE-unavailable',
            },
          },
          details: {
            eventStore: {
              status: 'down',
              message: 'connection refused',
              code: 'STORE-unavailable',
            },
            worker,
          },
        },
      });
    });
  });
});
