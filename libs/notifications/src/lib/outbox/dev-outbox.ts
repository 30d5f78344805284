import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { checkMessage } from '../check-message';
import { DeliveryError } from '../delivery-error';
import type { Notification } from '../notification';
import type { ChannelNotifier, DeliveryReceipt } from '../notifier';
import type { NotifierLogger } from '../notifier-logger';
import { isSentTo, type OutboxEntry, parseOutboxLine, toOutboxEntry } from './outbox-entry';

export interface DevOutboxOptions {
  /** The service's DATA_DIR; the outbox is `<dataDir>/outbox/outbox.jsonl`, shared by every process using it. */
  readonly dataDir: string;
  readonly logger: NotifierLogger;
  /** How many messages `recent()` keeps in memory. */
  readonly ringSize?: number;
  readonly now?: () => Date;
}

export interface OutboxQuery {
  readonly to?: string;
  /** 1 to OUTBOX_MAX_LIMIT; default OUTBOX_DEFAULT_LIMIT. */
  readonly limit?: number;
}

export const OUTBOX_DEFAULT_LIMIT = 50;
export const OUTBOX_MAX_LIMIT = 200;

/**
 * The embedded development delivery channel: nothing leaves the machine. Each message is appended
 * to a JSON-lines file and printed to the log WITH its body (codes, links), which is the point in
 * development and why this adapter must never be used in production.
 */
export class DevOutbox implements ChannelNotifier {
  readonly channel = 'outbox' as const;
  readonly file: string;
  private readonly ring: OutboxEntry[] = [];
  private readonly ringSize: number;
  private readonly now: () => Date;

  constructor(private readonly options: DevOutboxOptions) {
    this.file = join(options.dataDir, 'outbox', 'outbox.jsonl');
    this.ringSize = options.ringSize ?? OUTBOX_MAX_LIMIT;
    this.now = options.now ?? (() => new Date());
    options.logger.warn(
      { devOutbox: { file: this.file } },
      `Dev outbox is the delivery channel: emails and SMS are NOT sent, they are written to ${this.file} ` +
        'and to this log with their codes and links (GET /dev/outbox). Development only: set NOTIFIER_EMAIL=smtp ' +
        'and NOTIFIER_SMS=http in production.',
    );
  }

  async send(message: Notification): Promise<DeliveryReceipt> {
    const entry = toOutboxEntry(checkMessage(message, 'outbox', ['email', 'sms']), this.now());
    try {
      await mkdir(dirname(this.file), { recursive: true, mode: 0o700 });
      // One append per message: O_APPEND keeps lines from several processes whole.
      // 0600: the outbox holds activation links and sign-in codes.
      await appendFile(this.file, `${JSON.stringify(entry)}\n`, { encoding: 'utf8', mode: 0o600 });
    } catch (error) {
      throw new DeliveryError({
        code: 'NOTIFY-outbox-write-failed',
        channel: 'outbox',
        tag: entry.tag,
        permanent: false,
        lastError: `cannot write ${this.file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      });
    }
    this.ring.push(entry);
    if (this.ring.length > this.ringSize) this.ring.shift();
    this.options.logger.info(
      { devOutbox: { id: entry.id, kind: entry.kind, tag: entry.tag, to: entry.to } },
      summary(entry),
    );
    return { id: entry.id, channel: 'outbox', tag: entry.tag, attempts: 1 };
  }

  /** Messages from every process sharing the file, newest first. */
  async list(query: OutboxQuery = {}): Promise<OutboxEntry[]> {
    const limit = Math.min(Math.max(query.limit ?? OUTBOX_DEFAULT_LIMIT, 1), OUTBOX_MAX_LIMIT);
    const entries = (await this.readLines())
      .map(parseOutboxLine)
      .filter((e): e is OutboxEntry => e !== undefined);
    const { to } = query;
    const matching =
      to === undefined || to.trim() === '' ? entries : entries.filter((e) => isSentTo(e, to));
    return matching.reverse().slice(0, limit);
  }

  /** The last messages this process sent, oldest first, without reading the file. */
  recent(): readonly OutboxEntry[] {
    return [...this.ring];
  }

  private async readLines(): Promise<string[]> {
    try {
      return (await readFile(this.file, 'utf8')).split('\n').filter((line) => line.trim() !== '');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }
}

/** One readable log line, body included (development only). */
function summary(entry: OutboxEntry): string {
  const body = entry.text.replace(/\s*\n\s*/g, ' ⏎ ');
  const subject = entry.subject !== undefined ? ` "${entry.subject}"` : '';
  return `[dev outbox, not sent] ${entry.kind} to ${entry.to} (${entry.tag})${subject}: ${body}`;
}
