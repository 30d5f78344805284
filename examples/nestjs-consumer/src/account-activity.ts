import { Injectable } from '@nestjs/common';
import type { PublicEvent } from './topics';

export interface ActivityEntry {
  readonly position: number;
  readonly type: string;
  readonly occurredAt: string;
  readonly topic: string;
}

export interface Rejected {
  readonly topic: string;
  readonly offset: string;
  readonly reason: string;
}

/**
 * A read model another team might keep: each account's (or organization's) timeline over the three
 * topics. Delivery is at least once, so it deduplicates by eventId; within one topic and key Kafka
 * keeps order and `position` only grows, so a stale redelivery (position not above the last one seen
 * for that topic and key) is skipped too. Across topics there is no order: the timeline sorts by position.
 */
@Injectable()
export class AccountActivity {
  private readonly seen = new Set<string>();
  private readonly lastPosition = new Map<string, number>();
  private readonly byKey = new Map<string, ActivityEntry[]>();
  readonly rejected: Rejected[] = [];
  duplicates = 0;

  apply(topic: string, key: string, event: PublicEvent): void {
    const last = this.lastPosition.get(`${topic} ${key}`) ?? 0;
    if (this.seen.has(event.eventId) || event.position <= last) {
      this.duplicates++;
      return;
    }
    this.seen.add(event.eventId);
    this.lastPosition.set(`${topic} ${key}`, event.position);
    const entry = {
      position: event.position,
      type: event.type,
      occurredAt: event.occurredAt,
      topic,
    };
    this.byKey.set(
      key,
      [...(this.byKey.get(key) ?? []), entry].sort((a, b) => a.position - b.position),
    );
  }

  reject(rejected: Rejected): void {
    this.rejected.push(rejected);
  }

  timeline(key: string): readonly ActivityEntry[] {
    return this.byKey.get(key) ?? [];
  }

  get applied(): number {
    return this.seen.size;
  }
}
