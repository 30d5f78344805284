import { fastifyCookie } from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';

export const TRUSTED_DEVICE_COOKIE = 'trusted_device';
export const TRUSTED_DEVICE_HEADER = 'x-trusted-device';

/** The token from the X-Trusted-Device header or the `trusted_device` cookie (no cookie plugin registered). */
export function presentedTrustedDevice(request: FastifyRequest): string | null {
  const header = request.headers[TRUSTED_DEVICE_HEADER];
  if (typeof header === 'string' && header) return header;
  return fastifyCookie.parse(request.headers.cookie ?? '')[TRUSTED_DEVICE_COOKIE] || null;
}

/**
 * HttpOnly, Secure, SameSite=Strict, Path=/auth, Max-Age and Expires (as Express's res.cookie wrote it).
 * Written as the header itself with the cookie plugin's serializer: the plugin registered would run a
 * hook on every request of every service for the one route that sets a cookie (Fastify appends a
 * second Set-Cookie to the first, so nothing set before is lost).
 */
export function setTrustedDeviceCookie(reply: FastifyReply, token: string, days: number): void {
  const maxAgeSeconds = days * 86_400;
  reply.header(
    'set-cookie',
    fastifyCookie.serialize(TRUSTED_DEVICE_COOKIE, token, {
      httpOnly: true,
      secure: true,
      sameSite: 'strict',
      path: '/auth',
      maxAge: maxAgeSeconds,
      expires: new Date(Date.now() + maxAgeSeconds * 1000),
    }),
  );
}
