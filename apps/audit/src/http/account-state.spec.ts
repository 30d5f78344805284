import type { TestApp } from '@accounts/service-kit';
import { TestTokens } from '@accounts/testing';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { AuditTestApp } from '../testing/audit-test-app';

/** A stand-in for one service's `?at=` route: records what it was asked and with which token. */
async function fakeService(
  answer: (url: string) => { status: number; body: unknown },
  seen: string[],
): Promise<Server> {
  const server = createServer((req, res) => {
    seen.push(`${req.url} ${req.headers.authorization}`);
    const { status, body } = answer(req.url ?? '');
    res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}
const urlOf = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

describe('GET /audit/accounts/:id/state?at= (composed from each service’s own ?at=)', () => {
  let tokens: TestTokens;
  let t: TestApp;
  const servers: Server[] = [];
  const seen: string[] = [];
  const accountId = randomUUID();
  const orgId = randomUUID();

  beforeAll(async () => {
    tokens = await TestTokens.create();
    servers.push(
      await fakeService(() => ({ status: 200, body: { id: accountId, enabled: true } }), seen),
    );
    servers.push(
      await fakeService(
        () => ({ status: 200, body: { method: 'authenticator', openSessions: [] } }),
        seen,
      ),
    );
    servers.push(
      await fakeService(
        () => ({ status: 503, body: { message: 'The service is temporarily unavailable' } }),
        seen,
      ),
    );
    t = await AuditTestApp.start(tokens.verifier, {
      AUDIT_SERVICE_URLS: `profile-service=${urlOf(servers[0])},auth-service=${urlOf(servers[1])},credentials-service=${urlOf(servers[2])}`,
    }).then((app) => app.t);
  });
  afterAll(async () => {
    await t.close();
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  });

  it('asks each service with the caller’s token and names the part a service could not give', async () => {
    const bearer = await tokens.bearer({
      accountId: randomUUID(),
      orgId,
      accountType: 'administrator',
    });
    const at = '2026-03-01T12:00:00.000Z';
    const res = await request(t.app.getHttpServer())
      .get(`/audit/accounts/${accountId}/state?at=${at}`)
      .set(bearer)
      .expect(200);
    expect(res.body).toEqual({
      accountId,
      at,
      profile: { id: accountId, enabled: true },
      authentication: { method: 'authenticator', openSessions: [] },
      apiCredentials: null,
      unavailable: [
        {
          part: 'apiCredentials',
          service: 'credentials-service',
          status: 503,
          message: 'The service is temporarily unavailable',
        },
      ],
    });
    expect(seen).toEqual(
      expect.arrayContaining([
        `/accounts/${accountId}?at=${encodeURIComponent(at)} ${bearer['Authorization']}`,
        `/auth/accounts/${accountId}/security?at=${encodeURIComponent(at)} ${bearer['Authorization']}`,
        `/api-credentials?accountId=${accountId}&at=${encodeURIComponent(at)} ${bearer['Authorization']}`,
      ]),
    );
  });

  it('answers 400 for a bad instant or id, 401 without a token, 403 to a non-administrator, asking no service', async () => {
    const asked = seen.length;
    const bearer = await tokens.bearer({
      accountId: randomUUID(),
      orgId,
      accountType: 'administrator',
    });
    const bad = await request(t.app.getHttpServer())
      .get(`/audit/accounts/${accountId}/state?at=noon`)
      .set(bearer)
      .expect(400);
    expect(bad.body.details.field).toBe('at');
    await request(t.app.getHttpServer()).get(`/audit/accounts/nope/state`).set(bearer).expect(400);
    await request(t.app.getHttpServer()).get(`/audit/accounts/${accountId}/state`).expect(401);
    await request(t.app.getHttpServer())
      .get(`/audit/accounts/${accountId}/state`)
      .set(await tokens.bearer({ accountId: randomUUID(), orgId }))
      .expect(403);
    expect(seen.length).toBe(asked);
  });
});
