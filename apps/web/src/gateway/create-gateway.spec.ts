import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGateway } from './create-gateway';
import { readGatewayConfig } from './gateway-config';

/**
 * The gateway between a browser and a stand-in auth-service that records what reached it. The
 * real services behind the gateway are exercised by apps/web/e2e in Chromium.
 */
describe('web gateway: backend for frontend', () => {
  let upstream: Server;
  let gateway: Server;
  let origin: string;
  let staticDir: string;
  const received: {
    method: string;
    url: string;
    headers: IncomingMessage['headers'];
    body: string;
  }[] = [];

  beforeAll(async () => {
    upstream = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({
          method: req.method!,
          url: req.url!,
          headers: req.headers,
          body,
        });
        res.setHeader('Content-Type', 'application/json');
        if (req.url === '/auth/login')
          return res.end(
            JSON.stringify({
              accessToken: 'at-1',
              refreshToken: 'rt-1',
              expiresIn: 300,
              tokenType: 'Bearer',
            }),
          );
        if (req.url?.startsWith('/auth/login/')) {
          res.setHeader(
            'Set-Cookie',
            'trusted_device=td-1; Max-Age=2592000; Path=/auth; HttpOnly; Secure; SameSite=Strict',
          );
          return res.end(
            JSON.stringify({
              accessToken: 'at-2',
              refreshToken: 'rt-2',
              expiresIn: 300,
              trustedDeviceToken: 'td-1',
            }),
          );
        }
        if (req.url === '/auth/refresh') {
          const { refreshToken } = JSON.parse(body);
          res.statusCode = refreshToken === 'rt-1' ? 200 : 401;
          return res.end(
            JSON.stringify(
              refreshToken === 'rt-1'
                ? { accessToken: 'at-3', refreshToken: 'rt-3', expiresIn: 300 }
                : { statusCode: 401, message: 'Sign in again' },
            ),
          );
        }
        if (req.url === '/auth/logout') return res.writeHead(204).end();
        res.setHeader('Set-Cookie', 'evil=1');
        res.end(JSON.stringify({ path: req.url }));
      });
    });
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
    const up = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    staticDir = mkdtempSync(join(tmpdir(), 'gateway-static-'));
    mkdirSync(join(staticDir, 'assets'));
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>page</title>');
    writeFileSync(join(staticDir, 'assets', 'app-1.js'), 'console.log(1)');
    const config = readGatewayConfig(
      {
        PORT: '0',
        PROFILE_SERVICE_URL: up,
        AUTH_SERVICE_URL: up,
        CREDENTIALS_SERVICE_URL: up,
        AUDIT_SERVICE_URL: 'http://127.0.0.1:9',
        WEB_ORIGIN: 'http://localhost:3000',
      },
      { staticDir },
    );
    gateway = createGateway(config);
    await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => gateway.close(r));
    await new Promise((r) => upstream.close(r));
    rmSync(staticDir, { recursive: true, force: true });
  });
  beforeEach(() => (received.length = 0));

  const csrf = async () => {
    const page = await fetch(`${origin}/account`);
    const cookie = page.headers.getSetCookie().find((c) => c.startsWith('accounts_csrf='))!;
    return cookie.split(';')[0].split('=')[1];
  };
  const post = (path: string, body: unknown, headers: Record<string, string>) =>
    fetch(`${origin}${path}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Origin: origin,
        ...headers,
      },
      body: JSON.stringify(body),
    });

  it('serves the page with a strict CSP, index.html for client routes, 404 for missing assets', async () => {
    const page = await fetch(`${origin}/account/devices`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>page</title>');
    expect(page.headers.get('content-security-policy')).toMatch(
      /default-src 'self'.*script-src 'self'/,
    );
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect((await fetch(`${origin}/assets/app-1.js`)).headers.get('cache-control')).toMatch(
      /immutable/,
    );
    expect((await fetch(`${origin}/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${origin}/..%2f..%2fetc/passwd.txt`)).status).toBe(404);
  });

  it('sign-in: the refresh token goes into an HttpOnly SameSite=Strict cookie and out of the answer', async () => {
    const token = await csrf();
    const res = await post(
      '/api/auth/login',
      { userName: 'ann', password: 'pw' },
      { 'X-CSRF-Token': token, Cookie: `accounts_csrf=${token}` },
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      accessToken: 'at-1',
      expiresIn: 300,
      tokenType: 'Bearer',
      trustedComputer: false,
    });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('accounts_session='))!;
    expect(cookie).toMatch(
      /^accounts_session=rt-1; Path=\/api\/session; SameSite=Strict; HttpOnly$/,
    );
    expect(received[0]).toEqual(
      expect.objectContaining({
        url: '/auth/login',
        body: JSON.stringify({ userName: 'ann', password: 'pw' }),
      }),
    );
    expect(received[0].headers['x-forwarded-for']).toBe('127.0.0.1');
    // A client cannot choose the address the per-address limits count.
    await post(
      '/api/auth/login',
      { userName: 'ann', password: 'pw' },
      {
        'X-CSRF-Token': token,
        Cookie: `accounts_csrf=${token}`,
        'X-Forwarded-For': '203.0.113.9',
      },
    );
    expect(received[1].headers['x-forwarded-for']).toBe('127.0.0.1');
    await fetch(`${origin}/api/profile/accounts/me`, {
      headers: { 'X-Forwarded-For': '203.0.113.9' },
    });
    expect(received[2].headers['x-forwarded-for']).toBe('127.0.0.1');
  });

  it("challenge answer: the trusted-device token becomes the gateway's cookie unless the box was unticked", async () => {
    const token = await csrf();
    const headers = { 'X-CSRF-Token': token, Cookie: `accounts_csrf=${token}` };
    const id = '4f1c1d2e-8a6b-4c3d-9e2f-1a2b3c4d5e6f';
    const trusted = await post(
      `/api/auth/login/${id}`,
      { code: '123456', trustComputer: true },
      headers,
    );
    expect(await trusted.json()).toEqual({
      accessToken: 'at-2',
      expiresIn: 300,
      trustedComputer: true,
    });
    expect(trusted.headers.getSetCookie().find((c) => c.startsWith('trusted_device='))).toMatch(
      /Path=\/api\/auth; SameSite=Strict; HttpOnly; Max-Age=2592000/,
    );
    expect(received[0].body).toBe(JSON.stringify({ code: '123456' }));
    const untrusted = await post(
      `/api/auth/login/${id}`,
      { code: '123456', trustComputer: false },
      headers,
    );
    expect((await untrusted.json()).trustedComputer).toBe(false);
    expect(untrusted.headers.getSetCookie().some((c) => c.startsWith('trusted_device='))).toBe(
      false,
    );
  });

  it('refresh: uses the cookie, rotates it; a refused one is cleared with a 401', async () => {
    const token = await csrf();
    const ok = await post(
      '/api/session/refresh',
      {},
      {
        'X-CSRF-Token': token,
        Cookie: `accounts_csrf=${token}; accounts_session=rt-1`,
      },
    );
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({
      accessToken: 'at-3',
      expiresIn: 300,
      trustedComputer: false,
    });
    expect(ok.headers.getSetCookie().find((c) => c.startsWith('accounts_session='))).toMatch(
      /^accounts_session=rt-3;/,
    );
    const refused = await post(
      '/api/session/refresh',
      {},
      {
        'X-CSRF-Token': token,
        Cookie: `accounts_csrf=${token}; accounts_session=stale`,
      },
    );
    expect(refused.status).toBe(401);
    expect(refused.headers.getSetCookie().find((c) => c.startsWith('accounts_session='))).toMatch(
      /Max-Age=0/,
    );
    const none = await post(
      '/api/session/refresh',
      {},
      { 'X-CSRF-Token': token, Cookie: `accounts_csrf=${token}` },
    );
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual(
      expect.objectContaining({ statusCode: 401, code: 'GATEWAY-no-session' }),
    );
  });

  it('CSRF: 403 without the token, with a wrong one, or from another origin; nothing reaches the service', async () => {
    const token = await csrf();
    const missing = await post(
      '/api/session/refresh',
      {},
      { Cookie: `accounts_csrf=${token}; accounts_session=rt-1` },
    );
    expect(missing.status).toBe(403);
    expect((await missing.json()).code).toBe('GATEWAY-csrf');
    const wrong = await post(
      '/api/session/logout',
      {},
      {
        'X-CSRF-Token': 'x'.repeat(token.length),
        Cookie: `accounts_csrf=${token}; accounts_session=rt-1`,
      },
    );
    expect(wrong.status).toBe(403);
    const foreign = await post(
      '/api/profile/accounts/me',
      {},
      { Origin: 'https://evil.example', Authorization: 'Bearer at' },
    );
    expect(foreign.status).toBe(403);
    expect((await foreign.json()).code).toBe('GATEWAY-cross-site');
    const crossSite = await post(
      '/api/auth/login',
      {},
      {
        'Sec-Fetch-Site': 'cross-site',
        'X-CSRF-Token': token,
        Cookie: `accounts_csrf=${token}`,
      },
    );
    expect(crossSite.status).toBe(403);
    expect(received).toEqual([]);
  });

  it('proxies /api/<service> with the prefix rewritten, never passing the session cookie or upstream cookies on', async () => {
    const res = await fetch(`${origin}/api/profile/accounts/me`, {
      headers: {
        Cookie: 'accounts_session=rt-1; trusted_device=td-1',
        Authorization: 'Bearer at',
      },
    });
    expect(await res.json()).toEqual({ path: '/accounts/me' });
    expect(res.headers.getSetCookie()).toEqual([expect.stringMatching(/^accounts_csrf=/)]);
    expect(received[0].headers.cookie).toBe('trusted_device=td-1');
    expect(received[0].headers.authorization).toBe('Bearer at');
    const auth = await fetch(`${origin}/api/auth/me/sessions`);
    expect(await auth.json()).toEqual({ path: '/auth/me/sessions' });
  });

  it('the body-token refresh route is closed, unknown APIs are 404, an unreachable service is a 502 in the error shape', async () => {
    const token = await csrf();
    const closed = await post(
      '/api/auth/refresh',
      { refreshToken: 'rt-1' },
      { 'X-CSRF-Token': token, Cookie: `accounts_csrf=${token}` },
    );
    expect(closed.status).toBe(404);
    expect(received).toEqual([]);
    expect((await fetch(`${origin}/api/nothing`)).status).toBe(404);
    const down = await fetch(`${origin}/api/audit/me/activity`);
    expect(down.status).toBe(502);
    expect(await down.json()).toEqual(
      expect.objectContaining({
        statusCode: 502,
        error: 'Bad Gateway',
        code: 'GATEWAY-upstream-unavailable',
      }),
    );
  });

  it('bad input: malformed JSON is a 400, a GET on a session route a 405', async () => {
    const token = await csrf();
    const bad = await fetch(`${origin}/api/auth/login`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-CSRF-Token': token,
        Cookie: `accounts_csrf=${token}`,
      },
      body: '{',
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).message).toBe('Malformed JSON body');
    expect((await fetch(`${origin}/api/session/refresh`)).status).toBe(405);
  });
});

describe('gateway configuration', () => {
  it('names a wrong variable; Secure cookies outside http on localhost', () => {
    expect(() => readGatewayConfig({ PORT: 'x' }, { staticDir: '.' })).toThrow(
      /PORT must be an integer/,
    );
    expect(() => readGatewayConfig({ AUTH_SERVICE_URL: 'ftp://x' }, { staticDir: '.' })).toThrow(
      /AUTH_SERVICE_URL must be a URL/,
    );
    expect(readGatewayConfig({}, { staticDir: '.' }).secureCookies).toBe(false);
    expect(
      readGatewayConfig({ WEB_ORIGIN: 'https://accounts.example.com' }, { staticDir: '.' })
        .secureCookies,
    ).toBe(true);
  });
});
