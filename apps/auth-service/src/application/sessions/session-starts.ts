import type { SessionStartedData } from '@accounts/contracts';
import type { EventStore } from '@accounts/event-store';

/** What a refresh needs from a session's first event: it never changes, so it is cached. */
export type SessionStart = Pick<SessionStartedData, 'accountId' | 'amr' | 'startedAt'>;

/**
 * The SessionStarted of each session, read once per process instead of once per refresh. Always safe:
 * an event is never rewritten, and every decision still comes from the session stream (handleCommand).
 */
export class SessionStarts {
  private readonly starts = new Map<string, SessionStart>();

  constructor(private readonly maxSessions = 10_000) {}

  async of(store: Pick<EventStore, 'readStream'>, streamId: string): Promise<SessionStart | null> {
    const cached = this.starts.get(streamId);
    if (cached) return cached;
    const [first] = await store.readStream(streamId, { maxCount: 1 });
    if (!first || first.type !== 'SessionStarted') return null;
    const { accountId, amr, startedAt } = first.data as SessionStartedData;
    this.remember(streamId, { accountId, amr, startedAt });
    return { accountId, amr, startedAt };
  }

  /** A session just started here: its first refresh needs no read. */
  remember(streamId: string, start: SessionStart): void {
    this.starts.set(streamId, start);
    // Oldest first out: a Map iterates in insertion order.
    if (this.starts.size > this.maxSessions)
      this.starts.delete(this.starts.keys().next().value as string);
  }
}
