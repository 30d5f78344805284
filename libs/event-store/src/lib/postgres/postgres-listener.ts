import { EventEmitter } from 'node:events';
import { Client, type ClientConfig } from 'pg';

/**
 * One LISTEN connection per store, shared by its subscriptions: a NOTIFY from any process's commit
 * wakes them at once. If the connection drops it reconnects with back-off; meanwhile the
 * subscriptions' polling keeps them going, only slower.
 */
export class PostgresListener {
  private readonly notified = new EventEmitter();
  private client?: Client;
  private starting?: Promise<void>;
  private closed = false;
  private retryTimer?: NodeJS.Timeout;
  private failures = 0;

  constructor(
    private readonly config: ClientConfig,
    private readonly channel: string,
  ) {
    this.notified.setMaxListeners(0);
  }

  /** Starts listening (once); never rejects: a failure leaves the subscriptions on polling. */
  ensureStarted(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.starting ??= this.connect();
    return this.starting;
  }

  on(listener: () => void): void {
    this.notified.on('notify', listener);
  }

  off(listener: () => void): void {
    this.notified.off('notify', listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client(this.config);
    client.on('error', () => this.reconnectLater(client));
    client.on('end', () => this.reconnectLater(client));
    client.on('notification', () => this.notified.emit('notify'));
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
      if (this.closed) {
        await client.end();
        return;
      }
      this.client = client;
      this.failures = 0;
      // Events committed while we were not listening: let every subscription look once.
      this.notified.emit('notify');
    } catch {
      this.reconnectLater(client);
    }
  }

  private reconnectLater(client: Client): void {
    if (this.closed || this.retryTimer) return;
    if (this.client === client) this.client = undefined;
    void client.end().catch(() => undefined);
    this.failures += 1;
    const delay = Math.min(30_000, 100 * 2 ** Math.min(this.failures, 8));
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.starting = this.connect();
    }, delay);
    this.retryTimer.unref();
  }
}
