import { AuthenticationEventSchemaVersions, type SessionEvent } from '@accounts/contracts';
import { defaultAggregateCache, toNewEvent } from '@accounts/event-sourcing';
import { randomUUID } from 'node:crypto';
import { REFRESH_GUESSES_PER_ADDRESS } from '../application/sessions/refresh-guesses';
import { newOpaqueToken, sha256 } from '../application/shared/secrets';
import { AuthTestApp, expectStatus } from '../testing/auth-test-app';

/** Requests come from 127.0.0.1, a trusted proxy here: X-Forwarded-For is the client address. */
describe('POST /auth/refresh: reuse detection over a long session, forged and foreign tokens (TRUST_PROXY=loopback)', () => {
  let app: AuthTestApp;
  let orgId: string;
  let accountId: string;
  beforeAll(async () => {
    app = await AuthTestApp.start({ TRUST_PROXY: 'loopback' });
    orgId = await app.organization();
    accountId = (await app.activeAccount(orgId, 'alice')).accountId;
  });
  afterAll(() => app.close());

  let addresses = 0;
  /** Each test from its own client address, so that the guesses of one do not limit the next. */
  let from = '';
  beforeEach(() => {
    addresses += 1;
    from = `198.51.100.${addresses}`;
  });
  const refresh = (refreshToken: string, address = from) =>
    app.http().post('/auth/refresh').set('X-Forwarded-For', address).send({ refreshToken });

  /** A new session's tokens after `rotations` refreshes, oldest first. */
  async function rotated(rotations: number): Promise<string[]> {
    const tokens = [(await app.tokens('alice')).refreshToken];
    for (let i = 0; i < rotations; i++) {
      const res = await refresh(tokens[tokens.length - 1]);
      expectStatus(res, 200);
      tokens.push(res.body.refreshToken);
    }
    return tokens;
  }
  const parts = (token: string) => {
    const [sessionId, number, secret] = token.split('.');
    return { sessionId, number: Number(number), secret };
  };

  it('hands out tokens that carry their session and number: 0 at sign-in, one more per rotation', async () => {
    const tokens = await rotated(3);
    const [first] = tokens.map(parts);
    expect(tokens.map((t) => parts(t).number)).toEqual([0, 1, 2, 3]);
    expect(new Set(tokens.map((t) => parts(t).sessionId))).toEqual(new Set([first.sessionId]));
    expect(tokens.every((t) => /^[A-Za-z0-9_-]{43}$/.test(parts(t).secret))).toBe(true);
  });

  it('ends the session when the token rotated out just now comes back', async () => {
    const tokens = await rotated(2);
    const reused = await refresh(tokens[1]);
    expectStatus(reused, 401);
    expect(reused.body.code).toBe('AUTH-session-ended');
    expect(reused.body.details).toEqual({ reason: 'refresh-token-reused' });
    const current = await refresh(tokens[2]);
    expectStatus(current, 401);
    expect(current.body.code).toBe('AUTH-session-ended');
  });

  it('ends the session when its sign-in token comes back after 300 rotations', async () => {
    const tokens = await rotated(300);
    const reused = await refresh(tokens[0]);
    expectStatus(reused, 401);
    expect(reused.body.details).toEqual({ reason: 'refresh-token-reused' });
    expect((await refresh(tokens[300])).body.code).toBe('AUTH-session-ended');
  });

  it("folds no rotation after the process let go of the session's state: two events read, then the same answers", async () => {
    const tokens = await rotated(300);
    const stream = `session-${parts(tokens[0]).sessionId}`;
    /** The session events `refresh(token)` reads from the store, and its answer. */
    const reading = async (token: string) => {
      const read = jest.spyOn(app.store, 'readStream');
      try {
        const res = await refresh(token);
        const lists = await Promise.all(read.mock.results.map((r) => r.value));
        const events = lists
          .filter((_, i) => read.mock.calls[i][0] === stream)
          .reduce((n, list: unknown[]) => n + list.length, 0);
        return { res, events };
      } finally {
        read.mockRestore();
      }
    };
    // With the state cached (this process rotated it last), a refresh reads nothing of the session.
    const hot = await reading(tokens[300]);
    expectStatus(hot.res, 200);
    expect(hot.events).toBe(0);
    defaultAggregateCache.clear();
    const cold = await reading(hot.res.body.refreshToken);
    expectStatus(cold.res, 200);
    expect(cold.events).toBeLessThanOrEqual(2);
    defaultAggregateCache.clear();
    expect((await refresh(tokens[150])).body.details).toEqual({ reason: 'refresh-token-reused' });
  });

  it('refuses forged tokens of a live session (any number, its own secret or none) without ending it or writing anything', async () => {
    const tokens = await rotated(5);
    const { sessionId } = parts(tokens[5]);
    const secret = parts(tokens[2]).secret;
    const forged = [
      `${sessionId}.2.${newOpaqueToken()}`, // a past number, another secret
      `${sessionId}.5.${newOpaqueToken()}`, // the current number
      `${sessionId}.6.${newOpaqueToken()}`, // a number not reached yet
      `${sessionId}.3.${secret}`, // a real secret under another number
      `${sessionId}.99999.${newOpaqueToken()}`,
      `${sessionId}.${newOpaqueToken()}`, // the earlier form
      `${sessionId}.02.${secret}`, // another spelling of a real token
      `${sessionId}.-1.${newOpaqueToken()}`,
      `${sessionId}.1.2.${newOpaqueToken()}`,
    ];
    const head = await app.store.headPosition();
    for (const token of forged) {
      const res = await refresh(token);
      expectStatus(res, 401);
      expect(res.body.code).toBe('AUTH-refresh-token-invalid');
    }
    expect(await app.store.headPosition()).toBe(head);
    expectStatus(await refresh(tokens[5]), 200);
  });

  it("refuses another session's token under this session's id, and ends only the session that issued a reused one", async () => {
    const mine = await rotated(3);
    const theirs = await rotated(3);
    const { sessionId } = parts(mine[3]);
    for (const n of [0, 1, 3]) {
      const { secret } = parts(theirs[n]);
      const res = await refresh(`${sessionId}.${n}.${secret}`);
      expectStatus(res, 401);
      expect(res.body.code).toBe('AUTH-refresh-token-invalid');
    }
    const reused = await refresh(theirs[1]);
    expect(reused.body.details).toEqual({ reason: 'refresh-token-reused' });
    expectStatus(await refresh(mine[3]), 200);
  });

  describe('a session whose tokens were handed out in the earlier form (`<sessionId>.<secret>`)', () => {
    /** A session as the earlier version wrote it: the same events, tokens without numbers. */
    async function legacySession(rotations: number): Promise<string[]> {
      const sessionId = randomUUID();
      const tokens = Array.from(
        { length: rotations + 1 },
        () => `${sessionId}.${newOpaqueToken()}`,
      );
      const now = Date.now();
      const at = (i: number) => new Date(now - (rotations - i + 1) * 1000).toISOString();
      const ids = { sessionId, accountId };
      const events: SessionEvent[] = [
        {
          type: 'SessionStarted',
          data: {
            ...ids,
            orgId,
            signinId: randomUUID(),
            refreshTokenSha256: sha256(tokens[0]),
            amr: ['pwd'],
            ip: '203.0.113.7',
            userAgent: 'Firefox',
            idleTimeoutSeconds: 1800,
            startedAt: at(0),
            absoluteExpiresAt: new Date(now + 86_400_000).toISOString(),
          },
        },
        ...tokens.slice(1).map(
          (token, i): SessionEvent => ({
            type: 'SessionRefreshed',
            data: {
              ...ids,
              refreshTokenSha256: sha256(token),
              refreshedAt: at(i + 1),
              idleTimeoutSeconds: 1800,
            },
          }),
        ),
      ];
      const metadata = {
        correlationId: randomUUID(),
        causationId: randomUUID(),
        actor: { kind: 'user' as const, accountId },
        orgId,
      };
      await app.store.append(
        `session-${sessionId}`,
        events.map((e) => toNewEvent(e, metadata, AuthenticationEventSchemaVersions)),
        'no_stream',
      );
      return tokens;
    }

    it('rotates its current token to a numbered one, which goes on rotating', async () => {
      const tokens = await legacySession(4);
      const first = await refresh(tokens[4]);
      expectStatus(first, 200);
      expect(parts(first.body.refreshToken).number).toBe(5);
      const second = await refresh(first.body.refreshToken);
      expectStatus(second, 200);
      expect(parts(second.body.refreshToken).number).toBe(6);
    });

    it('ends it when one of its old tokens comes back, before or after the switch to numbers', async () => {
      const before = await legacySession(4);
      expect((await refresh(before[1])).body.details).toEqual({ reason: 'refresh-token-reused' });

      const after = await legacySession(4);
      const numbered = await refresh(after[4]);
      expectStatus(numbered, 200);
      expect((await refresh(after[2])).body.details).toEqual({ reason: 'refresh-token-reused' });
      expect((await refresh(numbered.body.refreshToken)).body.code).toBe('AUTH-session-ended');
    });

    it('refuses a made-up token of the earlier form without ending it', async () => {
      const tokens = await legacySession(3);
      const { sessionId } = parts(tokens[0]);
      const res = await refresh(`${sessionId}.${newOpaqueToken()}`);
      expect(res.body.code).toBe('AUTH-refresh-token-invalid');
      expectStatus(await refresh(tokens[3]), 200);
    });
  });

  it(`answers 429 with Retry-After after ${REFRESH_GUESSES_PER_ADDRESS} tokens never issued from one address; reuses do not count, other addresses refresh`, async () => {
    const tokens = await rotated(1);
    // Reuse and an ended session are not guesses.
    for (let i = 0; i < 3; i++) expectStatus(await refresh(tokens[0]), 401);
    const live = await rotated(1);
    const { sessionId } = parts(live[1]);
    const statuses: number[] = [];
    for (let i = 0; i < REFRESH_GUESSES_PER_ADDRESS; i++)
      statuses.push((await refresh(`${sessionId}.${i % 2}.${newOpaqueToken()}`)).status);
    expect(statuses).toEqual(Array(REFRESH_GUESSES_PER_ADDRESS).fill(401));
    const head = await app.store.headPosition();
    const limited = await refresh(live[1]);
    expectStatus(limited, 429);
    expect(limited.body.code).toBe('AUTH-refresh-too-many-attempts');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    const grant = await app
      .http()
      .post('/oauth/token')
      .set('X-Forwarded-For', from)
      .type('form')
      .send({ grant_type: 'refresh_token', refresh_token: live[1], client_id: 'account-console' });
    expectStatus(grant, 429);
    expect(await app.store.headPosition()).toBe(head);
    expectStatus(await refresh(live[1], '203.0.113.99'), 200);
  });
});
