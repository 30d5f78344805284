import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import helmet from 'helmet';
import { createProxyMiddleware } from 'http-proxy-middleware';
import {
  appendSetCookie,
  CSRF_COOKIE,
  readCookies,
  serializeCookie,
  SESSION_COOKIE,
} from './cookies';
import { crossSiteRefusal } from './csrf';
import type { GatewayConfig } from './gateway-config';
import { sendError } from './http-json';
import { sessionRoutes } from './session-routes';
import { staticFiles } from './static-files';

const PREFIXES = ['profile', 'auth', 'credentials', 'audit'] as const;

/** The web origin: the built page, /api/<service>/… proxied to each service, and the session routes. */
export function createGateway(config: GatewayConfig): Server {
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // Plain http on localhost in development: HSTS only where the page is served over https.
    strictTransportSecurity: config.secureCookies,
  });
  const proxies = new Map(
    PREFIXES.map((name) => [
      name,
      createProxyMiddleware<IncomingMessage, ServerResponse>({
        target: config.upstreams[name],
        pathRewrite: (path) =>
          path.replace(
            new RegExp(`^/api/${name}`),
            name === 'auth' || name === 'audit' ? `/${name}` : '',
          ) || '/',
        xfwd: true,
        proxyTimeout: 30_000,
        on: {
          // The refresh token cookie is for the gateway alone, never for a service.
          proxyReq: (proxyReq, req) => {
            const cookies = readCookies(req);
            cookies.delete(SESSION_COOKIE);
            cookies.delete(CSRF_COOKIE);
            const rest = [...cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; ');
            if (rest) proxyReq.setHeader('cookie', rest);
            else proxyReq.removeHeader('cookie');
          },
          proxyRes: (proxyRes) => {
            delete proxyRes.headers['set-cookie'];
          },
          error: (_error, _req, res) => {
            if ('writeHead' in res)
              sendError(
                res as ServerResponse,
                502,
                `The ${name} service cannot be reached; try again shortly`,
                'GATEWAY-upstream-unavailable',
              );
          },
        },
      }),
    ]),
  );
  const sessions = sessionRoutes(config);
  const page = staticFiles(config.staticDir);

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '/').split('?')[0];
    // The gateway is the edge: a client's own X-Forwarded-* would let it pick the address that per-address limits count.
    for (const name of [
      'x-forwarded-for',
      'x-forwarded-host',
      'x-forwarded-proto',
      'x-forwarded-port',
    ])
      delete request.headers[name];
    ensureCsrfCookie(request, response);
    if (!path.startsWith('/api/')) return page(request, response, path);
    const refusal = crossSiteRefusal(request, config.webOrigin);
    if (refusal) return sendError(response, 403, refusal, 'GATEWAY-cross-site');
    if (await sessions(request, response, path)) return;
    const service = PREFIXES.find(
      (name) => path === `/api/${name}` || path.startsWith(`/api/${name}/`),
    );
    const proxy = service && proxies.get(service);
    if (!proxy)
      return sendError(
        response,
        404,
        `No API at ${path}; the APIs are under /api/profile, /api/auth, /api/credentials and /api/audit`,
      );
    await proxy(request, response, () => sendError(response, 404, `No API at ${path}`));
  }

  function ensureCsrfCookie(request: IncomingMessage, response: ServerResponse) {
    if (readCookies(request).has(CSRF_COOKIE)) return;
    const token = randomBytes(24).toString('base64url');
    appendSetCookie(
      response,
      serializeCookie(CSRF_COOKIE, token, {
        path: '/',
        httpOnly: false,
        secure: config.secureCookies,
      }),
    );
  }

  return createServer((request, response) => {
    securityHeaders(request, response, () => {
      handle(request, response).catch(() =>
        sendError(response, 502, 'The gateway could not answer'),
      );
    });
  });
}
