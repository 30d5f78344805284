import type { EventStore } from '@accounts/event-store';
import type { Principal, TokenVerifier } from '@accounts/security';
import { createTestApp, EVENT_STORE, type TestApp } from '@accounts/service-kit';
import request from 'supertest';
import type { Response } from 'supertest';
import { ProfileModule } from '../app/profile.module';
import { profileConfigSchema } from '../config';

/** TestTokens (from @accounts/testing, which only spec files import) as this harness uses it. */
export interface Tokens {
  readonly verifier: TokenVerifier;
  bearer(
    caller: Partial<Principal> & Pick<Principal, 'accountId' | 'orgId'>,
  ): Promise<Record<string, string>>;
}

export interface TwoOrganizations {
  readonly app: ProfileTestApp;
  readonly admin: Member;
  readonly user: Member;
  readonly otherAdmin: Member;
}

/** An account the tests act as. */
export interface Member {
  readonly accountId: string;
  readonly orgId: string;
}

export const BOOTSTRAP_TOKEN = 'test-bootstrap-token-0123456789';

/** The profile-service as it runs (real SQLite store in a temp folder, real HTTP), with test tokens. */
export class ProfileTestApp {
  private constructor(
    readonly t: TestApp,
    readonly tokens: Tokens,
  ) {}

  static async start(tokens: Tokens, env: Record<string, string> = {}): Promise<ProfileTestApp> {
    const t = await createTestApp({
      serviceName: 'profile-service',
      schema: profileConfigSchema,
      imports: [ProfileModule.forRoot({ tokenVerifier: tokens.verifier })],
      env: { BOOTSTRAP_TOKEN, ...env },
    });
    return new ProfileTestApp(t, tokens);
  }

  get store(): EventStore {
    return this.t.app.get<EventStore>(EVENT_STORE);
  }

  http() {
    return request(this.t.app.getHttpServer());
  }

  as(member: Member): Promise<Record<string, string>> {
    return this.tokens.bearer(member);
  }

  /** POST /organizations; the first one needs no bootstrap token, later ones get it. */
  async createOrganization(
    userName: string,
    timeZone = 'UTC',
  ): Promise<{ admin: Member; body: Response['body'] }> {
    const res = await this.http()
      .post('/organizations')
      .set('X-Bootstrap-Token', BOOTSTRAP_TOKEN)
      .send({ name: `Org of ${userName}`, administrator: person(userName, { timeZone }) });
    expectStatus(res, 201);
    return {
      admin: { accountId: res.body.administrator.id, orgId: res.body.organization.id },
      body: res.body,
    };
  }

  async registerAccount(
    admin: Member,
    userName: string,
    extra: Record<string, unknown> = {},
  ): Promise<{ member: Member; body: Response['body'] }> {
    const res = await this.http()
      .post(`/organizations/${admin.orgId}/accounts`)
      .set(await this.as(admin))
      .send({ ...person(userName), accountType: 'standard', ...extra });
    expectStatus(res, 201);
    return { member: { accountId: res.body.id, orgId: admin.orgId }, body: res.body };
  }

  /** alice administers one organization (times in `adminTimeZone`), bob is a standard account of it, zoe administers another. */
  static async withTwoOrganizations(
    tokens: Tokens,
    zones: { readonly admin?: string; readonly user?: string } = {},
  ): Promise<TwoOrganizations> {
    const app = await ProfileTestApp.start(tokens);
    const admin = (await app.createOrganization('alice', zones.admin)).admin;
    const user = (
      await app.registerAccount(admin, 'bob', zones.user ? { timeZone: zones.user } : {})
    ).member;
    const otherAdmin = (await app.createOrganization('zoe')).admin;
    return { app, admin, user, otherAdmin };
  }

  headPosition(): Promise<number> {
    return this.store.headPosition();
  }

  close(): Promise<void> {
    return this.t.close();
  }
}

/** A valid new-account profile. */
export function person(
  userName: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    userName,
    firstName: 'Jane',
    lastName: 'Doe',
    email: `${userName.toLowerCase()}@example.com`,
    ...extra,
  };
}

/** The field a 400 names: the domain's `details.field` or the validation pipe's first `details.fields`. */
export function fieldOf(res: Response): string | undefined {
  const details = res.body?.details;
  return details?.field ?? details?.fields?.[0]?.field;
}

/** A failed status check shows the answer, not just two numbers. */
export function expectStatus(res: Response, status: number): void {
  if (res.status !== status) {
    throw new Error(`expected HTTP ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  }
}
