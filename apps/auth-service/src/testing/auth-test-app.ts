import {
  type AccountRegistered,
  type OrganizationEvent,
  ProfileEventSchemaVersions,
  type ProfileEvent,
  type SecondFactor,
} from '@accounts/contracts';
import type { EventStore, RecordedEvent } from '@accounts/event-store';
import { toNewEvent } from '@accounts/event-sourcing';
import { createTestApp, EVENT_STORE, type TestApp } from '@accounts/service-kit';
import { randomBytes, randomUUID } from 'node:crypto';
import { generate } from 'otplib';
import request from 'supertest';
import { AuthModule } from '../app/auth.module';
import { sha256 } from '../application/shared/secrets';
import { authConfigSchema } from '../config';
import { ReadModels } from '../projections/read-models';

/** The code an authenticator app shows at `ms` (epoch milliseconds). */
export const totpAt = (secret: string, ms: number): Promise<string> =>
  generate({ secret, epoch: Math.floor(ms / 1000) });

export const STRONG_PASSWORD = 'correct horse battery staple 42';

export interface SeededAccount {
  readonly accountId: string;
  readonly orgId: string;
  readonly userName: string;
  readonly email: string;
  readonly mobilePhone: string | null;
  readonly activationToken: string;
}

/** auth-service over HTTP with a real SQLite store in a temp folder; profile facts seeded as real profile events. */
export class AuthTestApp {
  private constructor(
    readonly t: TestApp,
    private readonly time: { offsetMs: number },
  ) {}

  /** `notifierEnv`: the notifier's variables (e.g. NOTIFIER_EMAIL=smtp); the dev outbox by default. */
  static async start(
    env: Record<string, string> = {},
    notifierEnv: Record<string, string> = {},
  ): Promise<AuthTestApp> {
    const time = { offsetMs: 0 };
    const clock = () => new Date(Date.now() + time.offsetMs);
    const t = await createTestApp({
      serviceName: 'auth-service',
      schema: authConfigSchema,
      imports: [AuthModule.forRoot({ notifierEnv, clock })],
      // Cheaper argon2 than production so the suite stays fast; parameters are configuration, not logic.
      env: { ARGON2_MEMORY_KIB: '1024', ARGON2_TIME_COST: '1', ...env },
    });
    return new AuthTestApp(t, time);
  }

  /**
   * Moves the clock the handlers decide with (link and code expiry, session timeouts, guessing limits,
   * the times in issued tokens); token verification keeps real time.
   */
  advance(ms: number): void {
    this.time.offsetMs += ms;
  }

  get store(): EventStore {
    return this.t.app.get(EVENT_STORE);
  }

  http() {
    return request(this.t.app.getHttpServer());
  }

  close() {
    return this.t.close();
  }

  async append(streamId: string, events: ProfileEvent[], actorId = 'seed'): Promise<number> {
    const metadata = {
      correlationId: randomUUID(),
      causationId: randomUUID(),
      actor: { kind: 'admin' as const, accountId: actorId },
    };
    const result = await this.store.append(
      streamId,
      events.map((e) => toNewEvent(e, metadata, ProfileEventSchemaVersions)),
    );
    await this.caughtUp(result.position);
    return result.position;
  }

  async caughtUp(position?: number): Promise<void> {
    const target = position ?? (await this.store.headPosition());
    const ok = await this.t.app.get(ReadModels).runner.waitForPosition(target, 5000);
    if (!ok) throw new Error('projection did not catch up');
  }

  async organization(
    options: {
      twoFactorRequired?: boolean;
      allowedSecondFactors?: SecondFactor[];
      admins?: string[];
    } = {},
  ): Promise<string> {
    const orgId = randomUUID();
    const events: OrganizationEvent[] = [
      {
        type: 'OrganizationCreated',
        data: {
          orgId,
          name: `Org ${orgId.slice(0, 4)}`,
          twoFactorRequired: options.twoFactorRequired ?? false,
          emailEditableByUsers: true,
          allowedSecondFactors: options.allowedSecondFactors ?? ['email', 'sms', 'authenticator'],
        },
      },
      ...(options.admins ?? []).map(
        (accountId): OrganizationEvent => ({
          type: 'OrganizationAdministratorAdded',
          data: { orgId, accountId },
        }),
      ),
    ];
    await this.append(`organization-${orgId}`, events);
    return orgId;
  }

  async addAdministrator(orgId: string, accountId: string): Promise<void> {
    await this.append(`organization-${orgId}`, [
      { type: 'OrganizationAdministratorAdded', data: { orgId, accountId } },
    ]);
  }

  /** AccountRegistered as profile-service writes it: the activation token only as its SHA-256. */
  async account(
    orgId: string,
    userName: string,
    options: {
      mobilePhone?: string | null;
      expiresAt?: string;
      accountType?: 'administrator' | 'standard';
    } = {},
  ): Promise<SeededAccount> {
    const accountId = randomUUID();
    const activationToken = randomBytes(32).toString('base64url');
    const email = `${userName}@example.com`;
    const registered: AccountRegistered = {
      type: 'AccountRegistered',
      data: {
        accountId,
        orgId,
        userName,
        firstName: 'Test',
        lastName: 'User',
        email,
        mobilePhone: options.mobilePhone ?? null,
        timeZone: 'UTC',
        sessionTimeout: '30m',
        accountType: options.accountType ?? 'standard',
        groupRestriction: { kind: 'all' },
        activation: {
          tokenSha256: sha256(activationToken),
          expiresAt: options.expiresAt ?? new Date(Date.now() + 72 * 3600_000).toISOString(),
        },
      },
    } as AccountRegistered;
    await this.append(`account-${accountId}`, [registered]);
    return {
      accountId,
      orgId,
      userName,
      email,
      mobilePhone: options.mobilePhone ?? null,
      activationToken,
    };
  }

  /** A registered and activated account. */
  async activeAccount(
    orgId: string,
    userName: string,
    options: Parameters<AuthTestApp['account']>[2] = {},
  ): Promise<SeededAccount> {
    const account = await this.account(orgId, userName, options);
    const res = await this.http()
      .post('/auth/activate')
      .send({ token: account.activationToken, password: STRONG_PASSWORD });
    if (res.status !== 200)
      throw new Error(`activation failed: ${res.status} ${JSON.stringify(res.body)}`);
    return account;
  }

  login(userName: string, password = STRONG_PASSWORD, trustedDevice?: string) {
    const req = this.http()
      .post('/auth/login')
      .set('User-Agent', 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0');
    if (trustedDevice) req.set('X-Trusted-Device', trustedDevice);
    return req.send({ userName, password });
  }

  async tokens(
    userName: string,
  ): Promise<{ accessToken: string; refreshToken: string; bearer: Record<string, string> }> {
    const res = await this.login(userName);
    if (res.status !== 200 || !res.body.accessToken)
      throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
    return { ...res.body, bearer: { Authorization: `Bearer ${res.body.accessToken}` } };
  }

  /** Bearer header of a password-method account. */
  async loginWithChallengeFree(userName: string): Promise<Record<string, string>> {
    return (await this.tokens(userName)).bearer;
  }

  /** Newest message of the dev outbox to this address or phone. */
  async lastMessage(to: string): Promise<{ text: string; subject?: string; tag: string }> {
    const res = await this.http().get('/dev/outbox').query({ to, limit: 1 });
    if (!res.body.items?.length) throw new Error(`no message to ${to}`);
    return res.body.items[0];
  }

  /**
   * Notices are sent by the notices reactor after the event is stored, not by the request: waits
   * (up to 5 s) for the newest message to `to` with this tag.
   */
  async waitForMessage(
    to: string,
    tag: string,
    timeoutMs = 5000,
  ): Promise<{ text: string; subject?: string; tag: string }> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const res = await this.http().get('/dev/outbox').query({ to, limit: 20 });
      const found = (res.body.items ?? []).find((m: { tag: string }) => m.tag === tag);
      if (found) return found;
      if (Date.now() > until) throw new Error(`no ${tag} message to ${to}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** Every message to `to` with this tag, newest first. */
  async messages(
    to: string,
    tag: string,
  ): Promise<{ text: string; subject?: string; tag: string }[]> {
    const res = await this.http().get('/dev/outbox').query({ to, limit: 100 });
    return (res.body.items ?? []).filter((m: { tag: string }) => m.tag === tag);
  }

  /** The code in the newest code message to `to` (security notices arrive on their own, in between). */
  async codeSentTo(to: string): Promise<string> {
    const res = await this.http().get('/dev/outbox').query({ to, limit: 50 });
    const codeMessage = (res.body.items ?? []).find(
      (m: { tag: string }) => m.tag === 'sign-in-code' || m.tag === 'contact-verification',
    );
    const match = codeMessage ? /\b(\d{6})\b/.exec(codeMessage.text) : null;
    if (!match) throw new Error(`no code message to ${to}`);
    return match[1];
  }

  /**
   * A new active account `userName` in a new organization changes its password over HTTP (through
   * `via`, another worker on the same data folder, when given): PasswordChanged is stored, and the
   * notices reactor mails "Your password was changed". Answers the account's email address.
   */
  async accountThatChangedItsPassword(userName: string, via: AuthTestApp = this): Promise<string> {
    const orgId = await this.organization();
    const user = await this.activeAccount(orgId, userName);
    const { bearer } = await this.tokens(userName);
    const newPassword = 'a brand new password 1';
    expectStatus(
      await via.http().put('/auth/me/password').set(bearer).send({
        currentPassword: STRONG_PASSWORD,
        newPassword,
        repeatPassword: newPassword,
      }),
      200,
    );
    return user.email;
  }

  async allEvents(): Promise<RecordedEvent[]> {
    return this.store.readAll({ maxCount: 100_000 } as never);
  }

  logText(): string {
    return this.t.logs.map((l) => JSON.stringify(l)).join('\n');
  }
}

/** Fails with the answer's body, so a wrong status explains itself. */
export function expectStatus(res: { status: number; body: unknown }, status: number): void {
  if (res.status !== status)
    throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
}
