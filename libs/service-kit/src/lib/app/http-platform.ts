import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { BaseConfig } from '../config/base-config';
import { installCheapAsyncResourceBind } from './async-resource-bind';

/** A service's Nest application: Nest on Fastify (README, "HTTP platform"). */
export type ServiceApp = NestFastifyApplication;

/** express.json()'s limit, kept when the services moved to Fastify (whose default is 1 MiB). */
export const BODY_LIMIT_BYTES = 100 * 1024;

/**
 * The Fastify instance behind every service. Fastify instead of Express because a bare Nest route
 * costs 21-22 us of CPU on it against 112-118 us on Express (README). Without middie: the kit
 * answers with Fastify hooks (request-hooks.ts) and no service mounts Nest middleware, so nothing
 * runs a middleware chain per request.
 */
export function createHttpAdapter(config: BaseConfig): FastifyAdapter {
  // Fastify binds an AsyncResource per request with a body; Node 20's bind is dear (README).
  installCheapAsyncResourceBind();
  return new FastifyAdapter({
    ...(config.TRUST_PROXY && { trustProxy: trustProxyValue(config.TRUST_PROXY) }),
    bodyLimit: BODY_LIMIT_BYTES,
    // As on Express: /accounts/me/ is /accounts/me, and a long token in a path is not a 404.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 1000 },
    skipMiddie: true,
  });
}

/** "2" means two proxy hops; "true"/"false" are booleans; anything else is an address list or name. */
function trustProxyValue(setting: string): string | number | boolean {
  if (/^\d+$/.test(setting)) return Number(setting);
  if (setting === 'true' || setting === 'false') return setting === 'true';
  return setting;
}
