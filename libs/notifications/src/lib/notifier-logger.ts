/** The part of a pino logger the notifiers use (pino, nestjs-pino's PinoLogger). */
export interface NotifierLogger {
  info(obj: Record<string, unknown>, msg: string): void;
  warn(obj: Record<string, unknown>, msg: string): void;
}

export const silentLogger: NotifierLogger = {
  info: () => undefined,
  warn: () => undefined,
};
