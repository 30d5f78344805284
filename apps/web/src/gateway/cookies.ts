import type { IncomingMessage, ServerResponse } from 'node:http';

/** The refresh token: HttpOnly so page scripts never see it, sent only to the gateway's own session routes. */
export const SESSION_COOKIE = 'accounts_session';
export const SESSION_COOKIE_PATH = '/api/session';
/** The trusted-computer token; sent to /api/auth so sign-in and the device list recognise this computer. */
export const TRUSTED_DEVICE_COOKIE = 'trusted_device';
export const TRUSTED_DEVICE_COOKIE_PATH = '/api/auth';
/** Double-submit CSRF token: readable by the page, which echoes it in X-CSRF-Token. */
export const CSRF_COOKIE = 'accounts_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export function readCookies(request: IncomingMessage): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at <= 0) continue;
    const name = part.slice(0, at).trim();
    try {
      cookies.set(name, decodeURIComponent(part.slice(at + 1).trim()));
    } catch {
      // A malformed value is treated as absent.
    }
  }
  return cookies;
}

export interface CookieOptions {
  readonly path: string;
  readonly httpOnly: boolean;
  readonly secure: boolean;
  /** Seconds; 0 deletes the cookie; undefined makes a browser-session cookie. */
  readonly maxAge?: number;
}

export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, `Path=${options.path}`, 'SameSite=Strict'];
  if (options.httpOnly) parts.push('HttpOnly');
  if (options.secure) parts.push('Secure');
  if (options.maxAge !== undefined) parts.push(`Max-Age=${options.maxAge}`);
  return parts.join('; ');
}

export function appendSetCookie(response: ServerResponse, cookie: string): void {
  const current = response.getHeader('Set-Cookie');
  const list = Array.isArray(current) ? current : current === undefined ? [] : [String(current)];
  response.setHeader('Set-Cookie', [...list, cookie]);
}

/** Max-Age (seconds) of a named cookie in an upstream Set-Cookie header, if it has one. */
export function upstreamCookieMaxAge(
  setCookies: readonly string[],
  name: string,
): number | undefined {
  const cookie = setCookies.find((c) => c.startsWith(`${name}=`));
  const match = cookie ? /;\s*Max-Age=(\d+)/i.exec(cookie) : null;
  return match ? Number(match[1]) : undefined;
}
