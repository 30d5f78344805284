import type { RecordedEvent } from '@accounts/event-store';

/** The part of a pino logger the runner uses. */
export interface ProjectionLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export const consoleProjectionLogger: ProjectionLogger = {
  info: (details, message) => console.info(message, details),
  warn: (details, message) => console.warn(message, details),
  error: (details, message) => console.error(message, details),
};

/** Reported after each failed attempt of `apply`; `parked` when the runner gave up on the event. */
export interface ProjectionFailure {
  readonly projection: string;
  readonly generation: number;
  readonly event: RecordedEvent;
  readonly error: unknown;
  readonly attempts: number;
  readonly parked: boolean;
}
