import { EVENT_STORE } from '@accounts/service-kit';
import { randomUUID } from 'node:crypto';
import { expectOk, type SignedIn, Stack } from './stack';

type Service = 'auth' | 'profile' | 'credentials';

/** Another organization's ids, all real. */
interface Theirs {
  readonly orgId: string;
  readonly adminId: string;
  readonly userId: string;
  readonly sessionId: string;
  readonly credentialId: string;
}

interface Probe {
  readonly service: Service;
  readonly route: string;
  readonly path: (theirs: Theirs) => string;
  readonly body?: Record<string, unknown>;
}

/**
 * Every route that takes an id, called with the other organization's ids. Routes without ids act on
 * the caller's own account (`/me`) and cannot reach another organization.
 */
const PROBES: readonly Probe[] = [
  {
    service: 'profile',
    route: 'GET /organizations/:orgId',
    path: (t) => `/organizations/${t.orgId}`,
  },
  {
    service: 'profile',
    route: 'PUT /organizations/:orgId/settings',
    path: (t) => `/organizations/${t.orgId}/settings`,
    body: { twoFactorRequired: false, name: 'Mine now' },
  },
  {
    service: 'profile',
    route: 'GET /organizations/:orgId/accounts',
    path: (t) => `/organizations/${t.orgId}/accounts`,
  },
  {
    service: 'profile',
    route: 'POST /organizations/:orgId/accounts',
    path: (t) => `/organizations/${t.orgId}/accounts`,
    body: {
      userName: 'intruder',
      firstName: 'I',
      lastName: 'N',
      email: 'intruder@example.com',
      accountType: 'administrator',
    },
  },
  {
    service: 'profile',
    route: 'PUT /accounts/:id/account-type',
    path: (t) => `/accounts/${t.userId}/account-type`,
    body: { accountType: 'administrator' },
  },
  {
    service: 'profile',
    route: 'PUT /accounts/:id/group-restriction',
    path: (t) => `/accounts/${t.userId}/group-restriction`,
    body: { groupRestriction: { kind: 'groups', groups: ['x'] } },
  },
  {
    service: 'profile',
    route: 'GET /accounts/:id',
    path: (t) => `/accounts/${t.userId}`,
  },
  {
    service: 'profile',
    route: 'POST /accounts/:id/activation',
    path: (t) => `/accounts/${t.userId}/activation`,
  },
  {
    service: 'profile',
    route: 'POST /accounts/:id/disable',
    path: (t) => `/accounts/${t.adminId}/disable`,
    body: { reason: 'takeover' },
  },
  {
    service: 'profile',
    route: 'POST /accounts/:id/enable',
    path: (t) => `/accounts/${t.userId}/enable`,
    body: {},
  },
  {
    service: 'auth',
    route: 'DELETE /auth/me/sessions/:id',
    path: (t) => `/auth/me/sessions/${t.sessionId}`,
  },
  {
    service: 'auth',
    route: 'DELETE /auth/me/trusted-devices/:id',
    path: () => `/auth/me/trusted-devices/${randomUUID()}`,
  },
  {
    service: 'auth',
    route: 'GET /auth/accounts/:id/security',
    path: (t) => `/auth/accounts/${t.userId}/security`,
  },
  {
    service: 'auth',
    route: 'POST /auth/accounts/:id/authenticator/reset',
    path: (t) => `/auth/accounts/${t.userId}/authenticator/reset`,
    body: { reason: 'takeover' },
  },
  {
    service: 'credentials',
    route: 'POST /api-credentials/:id/regenerate',
    path: (t) => `/api-credentials/${t.credentialId}/regenerate`,
  },
  {
    service: 'credentials',
    route: 'DELETE /api-credentials/:id',
    path: (t) => `/api-credentials/${t.credentialId}`,
  },
];

/** Routes with a parameter that is not another organization's id: sign-in challenges (secret ids) and my own channels. */
const NOT_OWNED_BY_AN_ORGANIZATION = new Set([
  'POST /auth/login/:challengeId',
  'POST /auth/login/:challengeId/resend',
  'POST /auth/login/:challengeId/enrollment',
  'POST /auth/me/verification/:channel',
  'POST /auth/me/verification/:channel/confirm',
  // The caller's own notice settings; the name is a notice kind, not another organization's id.
  'PUT /auth/me/notices/:notice',
  // Server-wide operations behind the operations token, not an organization's resources.
  'GET /ops/projections/:name/parked',
  'POST /ops/projections/:name/rebuild',
  'POST /ops/projections/:name/parked/:eventId/retry',
  'POST /ops/projections/:name/parked/:eventId/skip',
]);

describe("tenant isolation: every route with another organization's ids, as administrator and as user", () => {
  let stack: Stack;
  let mine: { admin: SignedIn; user: SignedIn };
  let theirs: Theirs;
  beforeAll(async () => {
    stack = await Stack.start();
    const admin = await stack.organization('alice');
    mine = { admin, user: await stack.member(admin, 'bob') };
    const theirAdmin = await stack.organization('zoe');
    const theirUser = await stack.member(theirAdmin, 'yann');
    const credential = await stack
      .http('credentials')
      .post('/api-credentials')
      .set(theirAdmin.bearer)
      .send({ name: 'theirs' });
    expectOk(credential, 201);
    const sessionId = JSON.parse(
      Buffer.from(theirUser.accessToken.split('.')[1], 'base64url').toString(),
    ).sid;
    theirs = {
      orgId: theirAdmin.orgId,
      adminId: theirAdmin.accountId,
      userId: theirUser.accountId,
      sessionId,
      credentialId: credential.body.id,
    };
  }, 60_000);
  afterAll(() => stack.close());

  it('covers every route of the three services that takes an id', () => {
    const withIds = (['profile', 'auth', 'credentials'] as const)
      .flatMap((s) => stack.routes(s))
      .filter((r) => r.includes('/:'));
    const covered = new Set(PROBES.map((p) => p.route));
    // The router was read: every probed route is one the services serve.
    expect(withIds).toEqual(expect.arrayContaining([...covered]));
    expect(withIds.filter((r) => !covered.has(r) && !NOT_OWNED_BY_AN_ORGANIZATION.has(r))).toEqual(
      [],
    );
  });

  it.each(['admin', 'user'] as const)(
    "as my organization's %s: 403 or 404 everywhere, nothing of theirs changes",
    async (who) => {
      const before = await eventsOf(stack, theirs);
      const answers: Record<string, number> = {};
      for (const probe of PROBES) {
        const method = probe.route.split(' ')[0].toLowerCase() as 'get' | 'put' | 'post' | 'delete';
        const res = await stack
          .http(probe.service)
          [method](probe.path(theirs))
          .set(mine[who].bearer)
          .send(probe.body ?? {});
        answers[probe.route] = res.status;
        if (res.status < 400)
          throw new Error(`${probe.route} answered ${res.status}: ${JSON.stringify(res.body)}`);
        expect(JSON.stringify(res.body)).not.toContain('yann');
      }
      expect(
        Object.entries(answers).filter(([, status]) => status !== 403 && status !== 404),
      ).toEqual([]);
      expect(await eventsOf(stack, theirs)).toEqual(before);
    },
  );
});

/** Every event of the other organization's streams, to prove nothing was written to them. */
async function eventsOf(stack: Stack, theirs: Theirs): Promise<string[]> {
  const store = stack.profile.app.get(EVENT_STORE) as {
    readStream(id: string): Promise<{ type: string }[]>;
  };
  const streams = [
    `organization-${theirs.orgId}`,
    `account-${theirs.adminId}`,
    `account-${theirs.userId}`,
    `authenticator-${theirs.userId}`,
    `session-${theirs.sessionId}`,
    `apicredentials-${theirs.adminId}`,
  ];
  const all = await Promise.all(
    streams.map(async (id) =>
      (await store.readStream(id).catch(() => [])).map((e) => `${id}:${e.type}`),
    ),
  );
  return all.flat();
}
