import type { EventStore, NewEvent } from '@accounts/event-store';
import { randomUUID } from 'node:crypto';

/** Appends events shaped exactly as the services write them, for audit tests and the benchmark. */
export class ScriptedHistory {
  private clock: number;
  constructor(
    readonly store: EventStore,
    readonly orgId: string = randomUUID(),
    start = Date.parse('2026-03-01T08:00:00Z'),
  ) {
    this.clock = start;
  }

  /** Each event is one minute after the previous one. */
  private tick(): string {
    this.clock += 60_000;
    return new Date(this.clock).toISOString();
  }

  private metadata(
    actor: { kind: string; accountId?: string; credentialId?: string },
    correlationId = randomUUID(),
  ) {
    return {
      correlationId,
      causationId: correlationId,
      actor,
      orgId: this.orgId,
      ip: '203.0.113.7',
      userAgent: 'Firefox on Linux',
    };
  }

  async append(
    streamId: string,
    type: string,
    data: object,
    actor: { kind: string; accountId?: string; credentialId?: string },
  ): Promise<number> {
    const event: NewEvent = { type, data, metadata: this.metadata(actor), occurredAt: this.tick() };
    return (await this.store.append(streamId, [event])).position;
  }

  async register(
    userName: string,
    options: { timeZone?: string; by?: string } = {},
  ): Promise<string> {
    const accountId = randomUUID();
    const actor = options.by ? { kind: 'admin', accountId: options.by } : { kind: 'system' };
    await this.append(
      `username-${userName.toLowerCase()}`,
      'UserNameReserved',
      { userName, accountId },
      actor,
    );
    await this.append(
      `account-${accountId}`,
      'AccountRegistered',
      {
        accountId,
        orgId: this.orgId,
        userName,
        firstName: userName,
        lastName: 'Tester',
        email: `${userName}@example.com`,
        mobilePhone: '+33612345678',
        timeZone: options.timeZone ?? 'Europe/Paris',
        sessionTimeout: '30m',
        accountType: 'standard',
        groupRestriction: { kind: 'all' },
        activation: { tokenSha256: 'a'.repeat(64), expiresAt: '2026-03-08T08:00:00.000Z' },
      },
      actor,
    );
    return accountId;
  }

  async rename(accountId: string, from: string, to: string): Promise<void> {
    const me = { kind: 'user', accountId };
    await this.append(
      `username-${to.toLowerCase()}`,
      'UserNameReserved',
      { userName: to, accountId },
      me,
    );
    await this.append(
      `account-${accountId}`,
      'AccountUserNameChanged',
      { accountId, from, to },
      me,
    );
    await this.append(
      `username-${from.toLowerCase()}`,
      'UserNameReleased',
      { userName: from, accountId },
      me,
    );
  }

  async changePhone(
    accountId: string,
    from: string | null,
    to: string | null,
    by = accountId,
  ): Promise<number> {
    return this.append(
      `account-${accountId}`,
      'AccountMobilePhoneChanged',
      { accountId, from, to },
      { kind: by === accountId ? 'user' : 'admin', accountId: by },
    );
  }

  async changeMethod(accountId: string, from: string, to: string): Promise<number> {
    return this.append(
      `authenticator-${accountId}`,
      'AuthenticationMethodChanged',
      { accountId, from, to },
      { kind: 'user', accountId },
    );
  }

  async changePassword(accountId: string): Promise<number> {
    return this.append(
      `authenticator-${accountId}`,
      'PasswordChanged',
      {
        accountId,
        passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA',
        endOtherSessions: false,
      },
      { kind: 'user', accountId },
    );
  }

  async trustDevice(accountId: string, label = 'Firefox on Linux'): Promise<string> {
    const deviceId = randomUUID();
    await this.append(
      `authenticator-${accountId}`,
      'TrustedDeviceAdded',
      {
        accountId,
        deviceId,
        tokenSha256: 'b'.repeat(64),
        label,
        ip: '203.0.113.7',
        addedAt: new Date(this.clock).toISOString(),
        expiresAt: '2026-04-01T00:00:00.000Z',
      },
      { kind: 'user', accountId },
    );
    return deviceId;
  }

  async revokeDevice(accountId: string, deviceId: string): Promise<number> {
    return this.append(
      `authenticator-${accountId}`,
      'TrustedDeviceRevoked',
      { accountId, deviceId, reason: 'user' },
      { kind: 'user', accountId },
    );
  }

  /** A password sign-in: flow started and completed, guard cleared, session started. Returns the session id. */
  async signIn(accountId: string, method = 'password'): Promise<string> {
    const signinId = randomUUID();
    const sessionId = randomUUID();
    const me = { kind: 'user', accountId };
    await this.append(
      `signin-${signinId}`,
      'SignInStarted',
      {
        signinId,
        accountId,
        method,
        trustedDeviceId: null,
        ip: '203.0.113.7',
        userAgent: 'Firefox on Linux',
        startedAt: new Date(this.clock).toISOString(),
      },
      me,
    );
    await this.append(
      `signin-${signinId}`,
      'SignInCompleted',
      {
        signinId,
        accountId,
        sessionId,
        amr: ['pwd'],
        trustedDeviceId: null,
        newTrustedDeviceId: null,
      },
      me,
    );
    await this.append(
      `session-${sessionId}`,
      'SessionStarted',
      {
        sessionId,
        accountId,
        orgId: this.orgId,
        signinId,
        refreshTokenSha256: 'c'.repeat(64),
        amr: ['pwd'],
        ip: '203.0.113.7',
        userAgent: 'Firefox on Linux',
        idleTimeoutSeconds: 1800,
        startedAt: new Date(this.clock).toISOString(),
        absoluteExpiresAt: '2026-04-01T00:00:00.000Z',
      },
      me,
    );
    return sessionId;
  }

  async failSignIn(accountId: string, failures = 1): Promise<number> {
    return this.append(
      `signinguard-${accountId}`,
      'SignInAttemptFailed',
      {
        accountId,
        signinId: null,
        factor: 'password',
        failedAt: new Date(this.clock).toISOString(),
        guard: {
          consecutiveFailures: failures,
          lockedUntil: null,
          recentFailures: [],
          lastTotpStep: null,
        },
      },
      { kind: 'system' },
    );
  }

  async endSession(accountId: string, sessionId: string, reason = 'logout'): Promise<number> {
    return this.append(
      `session-${sessionId}`,
      'SessionEnded',
      { sessionId, accountId, reason, endedAt: new Date(this.clock).toISOString() },
      { kind: 'user', accountId },
    );
  }

  async generateCredential(
    accountId: string,
    name: string,
  ): Promise<{ credentialId: string; clientId: string }> {
    const credentialId = randomUUID();
    const clientId = `aci_${credentialId.slice(0, 8)}`;
    await this.append(
      `apicredentials-${accountId}`,
      'ApiCredentialGenerated',
      { accountId, credentialId, clientId, name, expiresAt: null, secretHash: 'hmac-sha256:xyz' },
      { kind: 'user', accountId },
    );
    return { credentialId, clientId };
  }

  async regenerateCredential(accountId: string, credentialId: string): Promise<number> {
    return this.append(
      `apicredentials-${accountId}`,
      'ApiCredentialRegenerated',
      { accountId, credentialId, secretHash: 'hmac-sha256:abc' },
      { kind: 'user', accountId },
    );
  }

  async revokeCredential(accountId: string, credentialId: string, by = accountId): Promise<number> {
    return this.append(
      `apicredentials-${accountId}`,
      'ApiCredentialRevoked',
      {
        accountId,
        credentialId,
        reason: by === accountId ? 'removed-by-owner' : 'removed-by-administrator',
      },
      { kind: by === accountId ? 'user' : 'admin', accountId: by },
    );
  }
}
