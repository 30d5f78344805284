import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { rethrowBodyParserErrors } from '../errors/body-parser-error';
import { refuseDeepJson } from '../hardening/json-depth';
import { noStore, securityHeaders } from '../hardening/security-headers';
import { accessLog } from '../logging/access-log';
import { SERVICE_LOGGERS, type ServiceLoggers } from '../logging/service-loggers';
import { setupOpenApi } from '../openapi/setup-openapi';
import { SERVICE_KIT_OPTIONS, type ServiceKitOptions } from './service-kit.options';

/** The app-level setup that a module cannot do; shared by bootstrapService and createTestApp. */
export function configureApp(app: NestExpressApplication): void {
  const { serviceName, config } = app.get<ServiceKitOptions>(SERVICE_KIT_OPTIONS);
  app.useLogger(app.get(Logger));
  // Nest only flushes the startup buffer in listen(); tests never listen.
  app.flushLogs();
  app.disable('x-powered-by');
  // First, so that its line times the whole request and covers answers of the parsers and headers.
  app.use(accessLog(app.get<ServiceLoggers>(SERVICE_LOGGERS)));
  if (config.TRUST_PROXY) app.set('trust proxy', trustProxyValue(config.TRUST_PROXY));
  app.use(securityHeaders(), noStore);
  // Registered before init, so Nest skips its own parsers; the error middleware right behind them
  // lets the error filter answer "Malformed JSON body" instead of the parser's message.
  app.useBodyParser('json');
  app.useBodyParser('urlencoded', { extended: true });
  // Depth is checked on the parsed body, before the validation pipe recurses into it.
  app.use(refuseDeepJson(), rethrowBodyParserErrors);
  setupOpenApi(app, serviceName);
}

/** "2" means two proxy hops; "true"/"false" are booleans; anything else is an address list or name. */
function trustProxyValue(setting: string): string | number | boolean {
  if (/^\d+$/.test(setting)) return Number(setting);
  if (setting === 'true' || setting === 'false') return setting === 'true';
  return setting;
}
