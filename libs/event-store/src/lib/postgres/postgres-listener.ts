import { EventEmitter } from 'node:events';
import { Client, type ClientConfig } from 'pg';
import { notifiedPosition } from './postgres-subscription-wakes';

/** Emitted to every listener, whatever its channels: (re)connected, events may have been missed. */
const EVERY_LISTENER = '*';

/**
 * One LISTEN connection per store, shared by its subscriptions, on the channels their filters want
 * (PostgresSql.listenChannels): a NOTIFY on one of them from any process's commit wakes the
 * subscriptions listening on it at once, and no other. If the connection drops it reconnects with
 * back-off and LISTENs again; meanwhile the subscriptions' polling keeps them going, only slower.
 */
export class PostgresListener {
  private readonly notified = new EventEmitter();
  private client?: Client;
  private starting?: Promise<void>;
  private closed = false;
  private retryTimer?: NodeJS.Timeout;
  private failures = 0;
  private readonly channels = new Set<string>();

  constructor(private readonly config: ClientConfig) {
    this.notified.setMaxListeners(0);
  }

  /** LISTENs on these channels too (now when connected, else at the connection). */
  listen(channels: readonly string[]): void {
    for (const channel of channels) {
      if (this.channels.has(channel)) continue;
      this.channels.add(channel);
      // A failure here is the connection's: its error handler reconnects, and LISTENs on all.
      this.client?.query(`LISTEN ${channel}`).catch(() => undefined);
    }
  }

  /** Starts listening (once); never rejects: a failure leaves the subscriptions on polling. */
  ensureStarted(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.starting ??= this.connect();
    return this.starting;
  }

  /**
   * Calls `listener` with the commit's position at a NOTIFY on one of `channels`, and with Infinity
   * after each (re)connection (what was committed meanwhile is unknown).
   */
  on(channels: readonly string[], listener: (position: number) => void): void {
    for (const channel of [...channels, EVERY_LISTENER]) this.notified.on(channel, listener);
  }

  off(channels: readonly string[], listener: (position: number) => void): void {
    for (const channel of [...channels, EVERY_LISTENER]) this.notified.off(channel, listener);
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
    // The payload is the commit's head position (PostgresSql.notify).
    client.on('notification', (message) =>
      this.notified.emit(message.channel, notifiedPosition(message.payload)),
    );
    try {
      await client.connect();
      const listened = [...this.channels];
      if (listened.length)
        await client.query(listened.map((channel) => `LISTEN ${channel}`).join('; '));
      if (this.closed) {
        await client.end();
        return;
      }
      this.client = client;
      this.failures = 0;
      // Channels added while this connection was being set up (listen() saw no client yet).
      for (const channel of this.channels)
        if (!listened.includes(channel)) client.query(`LISTEN ${channel}`).catch(() => undefined);
      // Events committed while we were not listening: let every subscription look once.
      this.notified.emit(EVERY_LISTENER, Number.POSITIVE_INFINITY);
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
