import type { RecordedEvent } from '@accounts/event-store';
import { MissingUpcasterError, UnknownSchemaVersionError } from './upcast-errors';

/** Current schema version of each event type (contracts export it). A type not listed is at version 1. */
export type SchemaVersions = Readonly<Record<string, number>>;

/** Lifts a payload of version `fromVersion` to `fromVersion + 1`. */
export type UpcastStep<From = unknown, To = unknown> = (data: From, event: RecordedEvent) => To;

/**
 * Upgrades old event payloads to the current version when they are read; stored events are never
 * rewritten. Steps run one version at a time: v1 -> v2 -> v3.
 *
 *   new Upcasters(ProfileEventVersions).register('AccountRegistered', 1, (v1) => ({ ...v1, timeZone: 'UTC' }));
 */
export class Upcasters {
  private readonly steps = new Map<string, Map<number, UpcastStep>>();
  private readonly inferred = new Map<string, number>();

  constructor(readonly versions: SchemaVersions = {}) {}

  register<From, To>(type: string, fromVersion: number, step: UpcastStep<From, To>): this {
    if (!Number.isInteger(fromVersion) || fromVersion < 1)
      throw new RangeError(`fromVersion must be >= 1, got ${fromVersion}`);
    const byVersion = this.steps.get(type) ?? new Map<number, UpcastStep>();
    byVersion.set(fromVersion, step as UpcastStep);
    this.steps.set(type, byVersion);
    // Without an entry in `versions`, the highest step registered defines the current version.
    this.inferred.set(type, Math.max(this.inferred.get(type) ?? 1, fromVersion + 1));
    return this;
  }

  /** The version new events of this type are written with. */
  currentVersion(type: string): number {
    return this.versions[type] ?? this.inferred.get(type) ?? 1;
  }

  /** Returns the event with its payload at the current version; events of unknown types pass unchanged. */
  upcast(event: RecordedEvent): RecordedEvent {
    if (!this.knows(event.type)) return event;
    const current = this.currentVersion(event.type);
    let version = event.schemaVersion ?? 1;
    if (version > current) throw new UnknownSchemaVersionError(event.type, version, current);
    if (version === current) return event;
    let data = event.data;
    for (; version < current; version++) {
      const step = this.steps.get(event.type)?.get(version);
      if (!step) throw new MissingUpcasterError(event.type, version);
      data = step(data, event);
    }
    return { ...event, schemaVersion: current, data };
  }

  private knows(type: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.versions, type) || this.steps.has(type);
  }
}
