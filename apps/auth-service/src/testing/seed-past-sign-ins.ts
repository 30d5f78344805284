import { AuthenticationEventSchemaVersions, type EventMetadata } from '@accounts/contracts';
import { foldEvents, type Message, toNewEvent } from '@accounts/event-sourcing';
import { randomUUID } from 'node:crypto';
import { AuthStore } from '../application/shared/auth-store';
import { newOpaqueToken, sha256 } from '../application/shared/secrets';
import {
  sessionDecider,
  sessionStreamId,
  signInDecider,
  signInGuardDecider,
  signInGuardStreamId,
  signInStreamId,
} from '../domain';
import { ProfileFacts } from '../projections/profile-facts.queries';
import type { AuthTestApp } from './auth-test-app';

const USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0';

/**
 * Appends `count` past password sign-ins of one account straight to the store: the events the sign-in
 * path writes (signin-<id>: started + completed; session-<id>: started + ended by logout; the guard's
 * SignInSucceeded), produced by the real deciders, one minute apart and ending a minute ago.
 */
export async function seedPastSignIns(
  app: AuthTestApp,
  accountId: string,
  count: number,
): Promise<void> {
  const get = <T>(type: new (...args: never[]) => T) => app.t.app.get(type);
  const profiles = get(ProfileFacts);
  const account = profiles.byId(accountId);
  if (!account) throw new Error(`unknown account ${accountId}`);
  const authenticator = await get(AuthStore).authenticator(accountId);
  const organization = profiles.organization(account.orgId);
  const store = app.store;
  const metadata: EventMetadata = {
    correlationId: randomUUID(),
    causationId: randomUUID(),
    actor: { kind: 'user', accountId },
    orgId: account.orgId,
    ip: '203.0.113.9',
    userAgent: USER_AGENT,
  };
  const toNew = (events: readonly Message[], at: Date) =>
    events.map((e) => toNewEvent(e, metadata, AuthenticationEventSchemaVersions, at));

  const guardStream = signInGuardStreamId(accountId);
  const guardHistory = await store.readStream(guardStream, { direction: 'backwards', maxCount: 1 });
  let guard = foldEvents(guardHistory, signInGuardDecider, signInGuardDecider.initialState());
  let guardRevision = guardHistory.length ? guardHistory[0].revision : -1;
  let guardBatch: ReturnType<typeof toNew> = [];
  const flushGuard = async () => {
    if (!guardBatch.length) return;
    await store.append(guardStream, guardBatch, guardRevision === -1 ? 'no_stream' : guardRevision);
    guardRevision += guardBatch.length;
    guardBatch = [];
  };

  const start = Date.now() - (count + 1) * 60_000;
  for (let i = 0; i < count; i++) {
    const at = new Date(start + i * 60_000);
    const signinId = randomUUID();
    const sessionId = randomUUID();
    const signIn = signInDecider.decide(
      {
        type: 'StartSignIn',
        data: {
          signinId,
          accountId,
          passwordVerified: true,
          account: { email: account.email, mobilePhone: account.mobilePhone, enabled: true },
          organization,
          authenticator,
          trustedDeviceTokenSha256: null,
          codeSha256: sha256(newOpaqueToken()),
          sessionId,
          ip: metadata.ip ?? null,
          userAgent: USER_AGENT,
        },
      },
      signInDecider.initialState(),
      { now: at },
    );
    const completed = signIn.find((e) => e.type === 'SignInCompleted');
    if (!completed)
      throw new Error('a seeded sign-in must complete: use a password-method account');
    await store.append(signInStreamId(signinId), toNew(signIn, at), 'no_stream');
    const started = sessionDecider.decide(
      {
        type: 'StartSession',
        data: {
          sessionId,
          accountId,
          orgId: account.orgId,
          signinId,
          refreshTokenSha256: sha256(newOpaqueToken()),
          amr: (completed.data as { amr: readonly string[] }).amr,
          ip: metadata.ip ?? null,
          userAgent: USER_AGENT,
          idleTimeoutSeconds: 1800,
        },
      },
      sessionDecider.initialState(),
      { now: at },
    );
    const session = foldEvents(started as never, sessionDecider, sessionDecider.initialState());
    const ended = sessionDecider.decide(
      {
        type: 'EndSession',
        data: { sessionId, reason: 'logout', actor: { kind: 'user', accountId } },
      },
      session,
      { now: new Date(at.getTime() + 30_000) },
    );
    await store.append(sessionStreamId(sessionId), toNew([...started, ...ended], at), 'no_stream');
    const succeeded = signInGuardDecider.decide(
      { type: 'RecordSignInSuccess', data: { accountId, signinId } },
      guard,
      { now: at },
    );
    guard = succeeded.reduce(signInGuardDecider.evolve, guard);
    guardBatch.push(...toNew(succeeded, at));
    if (guardBatch.length >= 1000) await flushGuard();
  }
  await flushGuard();
}
