import type { Request, Response } from 'express';

export const TRUSTED_DEVICE_COOKIE = 'trusted_device';
export const TRUSTED_DEVICE_HEADER = 'x-trusted-device';

/** The token from the `trusted_device` cookie or the X-Trusted-Device header (no cookie parser needed). */
export function presentedTrustedDevice(request: Request): string | null {
  const header = request.headers[TRUSTED_DEVICE_HEADER];
  if (typeof header === 'string' && header) return header;
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === TRUSTED_DEVICE_COOKIE && value.length) return decodeURIComponent(value.join('='));
  }
  return null;
}

export function setTrustedDeviceCookie(response: Response, token: string, days: number): void {
  response.cookie(TRUSTED_DEVICE_COOKIE, token, {
    httpOnly: true,
    secure: true,
    sameSite: 'strict',
    path: '/auth',
    maxAge: days * 86_400_000,
  });
}
