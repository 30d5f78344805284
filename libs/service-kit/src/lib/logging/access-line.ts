import pino, { type DestinationStream, type Logger } from 'pino';
import { isoTime } from './iso-time';

type Level = 'info' | 'warn' | 'error';

/** The access line's own fields, in the order pino wrote them. */
export interface AccessLineFields {
  readonly correlationId: string;
  readonly req: object;
  readonly res: object;
  readonly responseTime: number;
}

/**
 * Writes an access line to `logger`'s stream exactly as `logger[level](fields, msg)` would (same
 * keys, same order: level, time, the logger's bindings, the fields, msg), built directly: pino's
 * generic path (a loop over the fields, its stringifier choice, its time function call) was most of
 * a line's cost, paid on every request. Only for the access logger of createServiceLoggers (no
 * mixin, no redaction, no serializers: its fields are censored already); lines with an error go
 * through pino (they need its error serializer).
 */
export function accessLineWriter(
  logger: Logger,
): (level: Level, fields: AccessLineFields, msg: string) => void {
  const stream = (logger as unknown as Record<symbol, DestinationStream>)[pino.symbols.streamSym];
  const bindings = (logger as unknown as Record<symbol, string>)[pino.symbols.chindingsSym];
  const opening: Record<Level, string> = {
    info: '{"level":"info"',
    warn: '{"level":"warn"',
    error: '{"level":"error"',
  };
  return (level, { correlationId, req, res, responseTime }, msg) =>
    stream.write(
      `${opening[level]}${isoTime()}${bindings},"correlationId":${JSON.stringify(correlationId)},"req":${JSON.stringify(req)},"res":${JSON.stringify(res)},"responseTime":${responseTime},"msg":${JSON.stringify(msg)}}\n`,
    );
}
