/** A stored event is newer than this code knows: an older service reads a newer producer's event. */
export class UnknownSchemaVersionError extends Error {
  readonly code = 'UPCAST-unknown-schema-version';
  constructor(
    readonly eventType: string,
    readonly schemaVersion: number,
    readonly currentVersion: number,
  ) {
    super(
      `${eventType} v${schemaVersion} is newer than the v${currentVersion} this code understands; deploy the newer code`,
    );
    this.name = 'UnknownSchemaVersionError';
  }
}

/** No upcaster is registered to lift an old payload one version up: a programming error, found on read. */
export class MissingUpcasterError extends Error {
  readonly code = 'UPCAST-missing-step';
  constructor(
    readonly eventType: string,
    readonly fromVersion: number,
  ) {
    super(`No upcaster registered for ${eventType} v${fromVersion} -> v${fromVersion + 1}`);
    this.name = 'MissingUpcasterError';
  }
}
