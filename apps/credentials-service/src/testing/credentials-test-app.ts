import type { AccountRegisteredData, AccountType } from '@accounts/contracts';
import type { EventStore, NewEvent, RecordedEvent } from '@accounts/event-store';
import type { TokenVerifier } from '@accounts/security';
import { createTestApp, EVENT_STORE, type TestApp } from '@accounts/service-kit';
import request from 'supertest';
import { CredentialsModule } from '../app/credentials.module';
import { SERVICE_NAME } from '../app/service-name';
import { credentialsConfigSchema } from '../config';
import { ReadModels } from '../projections/read-models';
import { LastUsedRecorder } from '../projections/last-used-recorder';

/**
 * credentials-service as bootstrapService builds it, on a temp data folder, with a clock tests can
 * move and profile-service's events appended to the same store (the embedded bus).
 * Kept free of @accounts/testing: the spec passes TestTokens' verifier in.
 */
export class CredentialsTestApp {
  private constructor(
    readonly t: TestApp,
    private readonly time: { offsetMs: number },
  ) {}

  /** `verifier` undefined: TRUSTED_ISSUERS or the embedded default, as the service runs. */
  static async start(
    verifier: TokenVerifier | undefined,
    env: Record<string, string> = {},
  ): Promise<CredentialsTestApp> {
    const time = { offsetMs: 0 };
    const clock = () => new Date(Date.now() + time.offsetMs);
    const t = await createTestApp({
      serviceName: SERVICE_NAME,
      schema: credentialsConfigSchema,
      env: { LAST_USED_FLUSH_MS: '60000', ...env },
      imports: [CredentialsModule.forRoot({ tokenVerifier: verifier, clock })],
    });
    return new CredentialsTestApp(t, time);
  }

  get http() {
    return request(this.t.app.getHttpServer());
  }

  get store(): EventStore {
    return this.t.app.get<EventStore>(EVENT_STORE);
  }

  get readModels(): ReadModels {
    return this.t.app.get(ReadModels);
  }

  get lastUsed(): LastUsedRecorder {
    return this.t.app.get(LastUsedRecorder);
  }

  /** Moves this service's clock (expiry, back-off, last used); access tokens keep real time. */
  advance(ms: number): void {
    this.time.offsetMs += ms;
  }

  /** What profile-service would append when an administrator creates the account. */
  async registerAccount(
    accountId: string,
    orgId: string,
    accountType: AccountType = 'standard',
  ): Promise<void> {
    const data: AccountRegisteredData = {
      accountId,
      orgId,
      userName: accountId.replace(/[^A-Za-z0-9]/g, ''),
      firstName: 'First',
      lastName: 'Last',
      email: `${accountId}@example.com`,
      mobilePhone: null,
      timeZone: 'UTC',
      sessionTimeout: '30m',
      accountType,
      groupRestriction: { kind: 'all' },
      activation: { tokenSha256: 'a'.repeat(64), expiresAt: '2030-01-01T00:00:00.000Z' },
    };
    await this.profileEvent(accountId, { type: 'AccountRegistered', data });
  }

  disableAccount(accountId: string): Promise<void> {
    return this.profileEvent(accountId, {
      type: 'AccountDisabled',
      data: { accountId, reason: 'left the company' },
    });
  }

  enableAccount(accountId: string): Promise<void> {
    return this.profileEvent(accountId, { type: 'AccountEnabled', data: { accountId } });
  }

  changeAccountType(accountId: string, from: AccountType, to: AccountType): Promise<void> {
    return this.profileEvent(accountId, {
      type: 'AccountTypeChanged',
      data: { accountId, from, to },
    });
  }

  /** POST /oauth/token with HTTP Basic, form-encoded as RFC 6749 clients do. */
  token(clientId: string, secret: string) {
    return this.http
      .post('/oauth/token')
      .set('Authorization', `Basic ${basic(clientId, secret)}`)
      .type('form')
      .send({ grant_type: 'client_credentials' });
  }

  allEvents(): Promise<RecordedEvent[]> {
    return this.store.readAll({});
  }

  async headPosition(): Promise<number> {
    return this.store.headPosition();
  }

  close(): Promise<void> {
    return this.t.close();
  }

  private async profileEvent(
    accountId: string,
    event: Pick<NewEvent, 'type' | 'data'>,
  ): Promise<void> {
    const metadata = {
      correlationId: 'profile-test',
      causationId: 'profile-test',
      actor: { kind: 'system' },
    };
    const { position } = await this.store.append(`account-${accountId}`, [{ ...event, metadata }]);
    await this.readModels.waitFor(position);
  }
}

export function basic(clientId: string, secret: string): string {
  return Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString(
    'base64',
  );
}
