import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  appendSetCookie,
  readCookies,
  serializeCookie,
  SESSION_COOKIE,
  SESSION_COOKIE_PATH,
  TRUSTED_DEVICE_COOKIE,
  TRUSTED_DEVICE_COOKIE_PATH,
  upstreamCookieMaxAge,
} from './cookies';
import { csrfTokenRefusal } from './csrf';
import type { GatewayConfig } from './gateway-config';
import { BodyError, readJsonBody, sendError, sendJson } from './http-json';

const CHALLENGE_PATH = /^\/api\/auth\/login\/([0-9a-f-]{36})$/i;
const TRUSTED_DEVICE_FALLBACK_SECONDS = 30 * 86_400;

/**
 * The routes that hand out or use refresh tokens are the gateway's own (backend for frontend):
 * the refresh token goes into an HttpOnly cookie and is removed from every answer, so page scripts
 * only ever hold the short-lived access token. Answers with true when it handled the request.
 */
export function sessionRoutes(config: GatewayConfig) {
  const auth = config.upstreams.auth;

  const cookie = (name: string, value: string, path: string, maxAge?: number) =>
    serializeCookie(name, value, {
      path,
      httpOnly: true,
      secure: config.secureCookies,
      maxAge,
    });

  async function forward(
    request: IncomingMessage,
    path: string,
    body: unknown,
    extraHeaders: Record<string, string> = {},
  ) {
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      ...extraHeaders,
    };
    // The client's own address (its X-Forwarded-For was dropped at the edge): per-address limits count it.
    if (request.socket.remoteAddress) headers['X-Forwarded-For'] = request.socket.remoteAddress;
    for (const name of ['user-agent', 'x-correlation-id', 'authorization'] as const) {
      const value = request.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    return fetch(`${auth}${path}`, {
      method: 'POST',
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  /** Relays an upstream answer; a token answer loses its refresh and trusted-device tokens to cookies. */
  async function relayTokens(
    upstream: Response,
    response: ServerResponse,
    keepTrustedDevice = true,
  ): Promise<void> {
    const text = await upstream.text();
    const passHeaders: Record<string, string> = {};
    for (const name of ['retry-after', 'www-authenticate', 'x-correlation-id']) {
      const value = upstream.headers.get(name);
      if (value) passHeaders[name] = value;
    }
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return sendError(response, 502, 'The sign-in service answered something unreadable');
    }
    if (upstream.ok && typeof body['refreshToken'] === 'string') {
      appendSetCookie(response, cookie(SESSION_COOKIE, body['refreshToken'], SESSION_COOKIE_PATH));
      const trusted = keepTrustedDevice && typeof body['trustedDeviceToken'] === 'string';
      if (trusted) {
        const maxAge =
          upstreamCookieMaxAge(upstream.headers.getSetCookie(), TRUSTED_DEVICE_COOKIE) ??
          TRUSTED_DEVICE_FALLBACK_SECONDS;
        appendSetCookie(
          response,
          cookie(
            TRUSTED_DEVICE_COOKIE,
            String(body['trustedDeviceToken']),
            TRUSTED_DEVICE_COOKIE_PATH,
            maxAge,
          ),
        );
      }
      const rest = { ...body };
      delete rest['refreshToken'];
      delete rest['trustedDeviceToken'];
      body = { ...rest, trustedComputer: trusted };
    }
    sendJson(response, upstream.status, body, passHeaders);
  }

  const clearSession = (response: ServerResponse) =>
    appendSetCookie(response, cookie(SESSION_COOKIE, '', SESSION_COOKIE_PATH, 0));

  async function login(request: IncomingMessage, response: ServerResponse) {
    const device = readCookies(request).get(TRUSTED_DEVICE_COOKIE);
    const upstream = await forward(
      request,
      '/auth/login',
      await readJsonBody(request),
      device ? { 'X-Trusted-Device': device } : {},
    );
    await relayTokens(upstream, response);
  }

  /** `trustComputer: false` (the page's unticked box) is the gateway's: it then keeps no trusted-device cookie. */
  async function answerChallenge(
    request: IncomingMessage,
    response: ServerResponse,
    challengeId: string,
  ) {
    const body = await readJsonBody(request);
    const { trustComputer, ...answer } = (
      typeof body === 'object' && body !== null ? body : {}
    ) as Record<string, unknown>;
    await relayTokens(
      await forward(request, `/auth/login/${challengeId}`, answer),
      response,
      trustComputer !== false,
    );
  }

  async function refresh(request: IncomingMessage, response: ServerResponse) {
    const refreshToken = readCookies(request).get(SESSION_COOKIE);
    if (!refreshToken)
      return sendError(response, 401, 'You are not signed in', 'GATEWAY-no-session');
    const upstream = await forward(request, '/auth/refresh', { refreshToken });
    if (upstream.status === 401 || upstream.status === 400) clearSession(response);
    await relayTokens(upstream, response);
  }

  async function logout(request: IncomingMessage, response: ServerResponse) {
    // The session ends upstream when the page still has an access token; the cookie goes in any case.
    if (request.headers.authorization)
      await forward(request, '/auth/logout', undefined).catch(() => undefined);
    clearSession(response);
    response.writeHead(204, { 'Cache-Control': 'no-store' });
    response.end();
  }

  return async function handle(
    request: IncomingMessage,
    response: ServerResponse,
    path: string,
  ): Promise<boolean> {
    const route = routeOf(request.method ?? 'GET', path);
    if (!route) return false;
    if (request.method !== 'POST') {
      sendError(response, 405, `${path} takes POST only`);
      return true;
    }
    const refusal = csrfTokenRefusal(request);
    if (refusal) {
      sendError(response, 403, refusal, 'GATEWAY-csrf');
      return true;
    }
    try {
      if (route.name === 'login') await login(request, response);
      else if (route.name === 'challenge')
        await answerChallenge(request, response, route.challengeId!);
      else if (route.name === 'refresh') await refresh(request, response);
      else if (route.name === 'logout') await logout(request, response);
      else
        sendError(
          response,
          404,
          'The page refreshes its session through POST /api/session/refresh',
        );
    } catch (error) {
      if (error instanceof BodyError) sendError(response, error.statusCode, error.message);
      else
        sendError(
          response,
          502,
          'The sign-in service cannot be reached; try again shortly',
          'GATEWAY-upstream-unavailable',
        );
    }
    return true;
  };
}

function routeOf(method: string, path: string): { name: string; challengeId?: string } | null {
  if (path === '/api/auth/login') return { name: 'login' };
  const challenge = CHALLENGE_PATH.exec(path);
  if (challenge) return { name: 'challenge', challengeId: challenge[1] };
  if (path === '/api/session/refresh') return { name: 'refresh' };
  if (path === '/api/session/logout') return { name: 'logout' };
  // Refresh tokens never travel through the page: the body-token route is closed at the gateway.
  if (path === '/api/auth/refresh' && method) return { name: 'closed' };
  return null;
}
