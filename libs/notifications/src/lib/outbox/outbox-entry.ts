import type { IdentifiedNotification } from '../notification';

/** One line of outbox.jsonl, and one item of GET /dev/outbox. */
export interface OutboxEntry {
  readonly id: string;
  /** ISO 8601 time the message was written. */
  readonly at: string;
  readonly kind: 'email' | 'sms';
  readonly to: string;
  readonly tag: string;
  readonly subject?: string;
  readonly text: string;
  readonly html?: string;
}

export function toOutboxEntry(message: IdentifiedNotification, at: Date): OutboxEntry {
  const { id, kind, to, tag, text } = message;
  if (message.kind === 'sms') return { id, at: at.toISOString(), kind, to, tag, text };
  const { subject, html } = message;
  return {
    id,
    at: at.toISOString(),
    kind,
    to,
    tag,
    subject,
    text,
    ...(html !== undefined && { html }),
  };
}

/** Whether `entry` was sent to `to` (email addresses compare without case). */
export function isSentTo(entry: OutboxEntry, to: string): boolean {
  const wanted = to.trim();
  return entry.kind === 'email'
    ? entry.to.toLowerCase() === wanted.toLowerCase()
    : entry.to === wanted;
}

/** A line another process was still writing, or a hand edit, is skipped rather than failing the list. */
export function parseOutboxLine(line: string): OutboxEntry | undefined {
  try {
    const value = JSON.parse(line) as Partial<OutboxEntry> | null;
    return value && typeof value.id === 'string' && typeof value.to === 'string'
      ? (value as OutboxEntry)
      : undefined;
  } catch {
    return undefined;
  }
}
