import type { ProjectionLogger } from '@accounts/projections';
import { Logger } from '@nestjs/common';

/** The messaging library's logger interface on top of Nest's (pino) logger. */
export function nestProjectionLogger(context: string): ProjectionLogger {
  const logger = new Logger(context);
  return {
    info: (details, message) => logger.log({ ...details, msg: message }),
    warn: (details, message) => logger.warn({ ...details, msg: message }),
    error: (details, message) => logger.error({ ...details, msg: message }),
  };
}
