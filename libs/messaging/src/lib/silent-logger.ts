import type { ProjectionLogger } from '@accounts/projections';

export const silentLogger: ProjectionLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
