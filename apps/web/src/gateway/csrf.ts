import type { IncomingMessage } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { CSRF_COOKIE, CSRF_HEADER, readCookies } from './cookies';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A state-changing request must come from our own page: the browser's Origin (or Sec-Fetch-Site)
 * says so, and for the cookie-authenticated routes the page must also echo the CSRF cookie it can
 * read, which another site cannot.
 */
export function crossSiteRefusal(request: IncomingMessage, webOrigin: string): string | null {
  if (SAFE_METHODS.has(request.method ?? 'GET')) return null;
  const site = request.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') return 'cross-site request refused';
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== webOrigin && origin !== ownOrigin(request))
    return 'request from another origin refused';
  return null;
}

export function csrfTokenRefusal(request: IncomingMessage): string | null {
  const expected = readCookies(request).get(CSRF_COOKIE);
  const presented = request.headers[CSRF_HEADER];
  if (!expected || typeof presented !== 'string')
    return 'missing CSRF token (X-CSRF-Token header and accounts_csrf cookie)';
  const a = Buffer.from(expected);
  const b = Buffer.from(presented);
  if (a.length !== b.length || !timingSafeEqual(a, b)) return 'CSRF token does not match';
  return null;
}

/** The origin the browser used, from the Host header (the gateway may be reached on 127.0.0.1 or localhost). */
function ownOrigin(request: IncomingMessage): string | undefined {
  const host = request.headers.host;
  if (!host) return undefined;
  const encrypted = (request.socket as { encrypted?: boolean }).encrypted;
  return `${encrypted ? 'https' : 'http'}://${host}`;
}
