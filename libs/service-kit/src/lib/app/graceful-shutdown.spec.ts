import type { EventStore } from '@accounts/event-store';
import { Controller, Get, Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { EVENT_STORE } from '../event-store/event-store.token';
import { createTestApp, type TestApp } from './create-test-app';
import { shutDownGracefully } from './graceful-shutdown';
import { InFlightRequests } from './in-flight-requests';

@Controller('slow')
class SlowController {
  @Get()
  async slow(): Promise<{ done: true }> {
    await new Promise((resolve) => setTimeout(resolve, 300));
    return { done: true };
  }
}

/** Like a subscription that saves its checkpoint when the app stops: it needs the store open. */
@Injectable()
class CheckpointOnShutdown implements OnApplicationShutdown {
  saved = false;
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.append('checkpoint-test', [
      { type: 'CheckpointSaved', data: { position: 7 } },
    ]);
    this.saved = true;
  }
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++)
    await new Promise((resolve) => setTimeout(resolve, 10));
  if (!condition()) throw new Error('condition not met within 2 s');
}

const silentLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };

describe('graceful shutdown', () => {
  let t: TestApp;
  let baseUrl: string;
  let inFlight: InFlightRequests;
  beforeEach(async () => {
    t = await createTestApp({ controllers: [SlowController], providers: [CheckpointOnShutdown] });
    inFlight = new InFlightRequests(t.app.getHttpServer() as Server);
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  });
  // Each test shuts the app down itself; Nest would run the hooks again on a second close().
  afterEach(() => rmSync(t.dataDir, { recursive: true, force: true }));

  it('lets the request in flight finish, refuses new connections, runs hooks, then closes the store', async () => {
    const store = t.app.get<EventStore>(EVENT_STORE);
    const slow = fetch(`${baseUrl}/slow`).then(async (r) => ({
      status: r.status,
      body: await r.json(),
    }));
    await until(() => inFlight.size === 1);

    const stopping = shutDownGracefully(t.app, inFlight, 'SIGTERM', {
      timeoutMs: 5_000,
      logger: silentLogger,
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await expect(fetch(`${baseUrl}/health`)).rejects.toThrow();

    expect(await slow).toEqual({ status: 200, body: { done: true } });
    await stopping;
    expect(t.app.get(CheckpointOnShutdown).saved).toBe(true);
    await expect(store.ping()).rejects.toThrow();
  });

  it('cuts off a request still running after the timeout', async () => {
    const slow = fetch(`${baseUrl}/slow`).then(
      (r) => r.status,
      () => 'cut off',
    );
    await until(() => inFlight.size === 1);
    await shutDownGracefully(t.app, inFlight, 'SIGTERM', { timeoutMs: 50, logger: silentLogger });
    expect(await slow).toBe('cut off');
  });
});
