import { createTestApp, type TestApp } from '@accounts/service-kit';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { AuthModule } from '../../apps/auth-service/src/app/auth.module';
import { authConfigSchema } from '../../apps/auth-service/src/config';
import { CredentialsModule } from '../../apps/credentials-service/src/app/credentials.module';
import { credentialsConfigSchema } from '../../apps/credentials-service/src/config';
import { ProfileModule } from '../../apps/profile-service/src/app/profile.module';
import { profileConfigSchema } from '../../apps/profile-service/src/config';

export const PASSWORD = 'correct horse battery staple 42';
const BOOTSTRAP_TOKEN = 'stack-bootstrap-token-0123456789';

/** A person of the stack, signed in through auth-service. */
export interface SignedIn {
  readonly accountId: string;
  readonly orgId: string;
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly bearer: Record<string, string>;
}

/**
 * The three services as `npm start` runs them, in this process: one data folder, one SQLite event
 * store (the embedded bus), auth-service's keys trusted by the others from that folder (the default).
 */
export class Stack {
  private constructor(
    private readonly dir: string,
    readonly auth: TestApp,
    readonly profile: TestApp,
    readonly credentials: TestApp,
  ) {}

  /** `notifierEnv`: where auth-service's notices go (e.g. a TestMailbox's SMTP server); default the dev outbox. */
  static async start(notifierEnv: Record<string, string> = {}): Promise<Stack> {
    const dir = mkdtempSync(join(tmpdir(), 'stack-'));
    const env = {
      DATA_DIR: dir,
      ARGON2_MEMORY_KIB: '1024',
      ARGON2_TIME_COST: '1',
      BOOTSTRAP_TOKEN,
    };
    // auth-service first: it writes the public keys the other two read.
    const auth = await createTestApp({
      serviceName: 'auth-service',
      schema: authConfigSchema,
      imports: [AuthModule.forRoot({ notifierEnv })],
      env,
    });
    const profile = await createTestApp({
      serviceName: 'profile-service',
      schema: profileConfigSchema,
      imports: [ProfileModule.forRoot()],
      env,
    });
    const credentials = await createTestApp({
      serviceName: 'credentials-service',
      schema: credentialsConfigSchema,
      imports: [CredentialsModule.forRoot()],
      // Test apps all say PORT 3000: without its own issuer URL its tokens would claim auth-service's.
      env: { ...env, PUBLIC_URL: 'http://127.0.0.1:3003' },
    });
    return new Stack(dir, auth, profile, credentials);
  }

  http(service: 'auth' | 'profile' | 'credentials') {
    return request(this[service].app.getHttpServer());
  }

  /** An organization through profile-service; its administrator activated and signed in. */
  async organization(userName: string): Promise<SignedIn> {
    const res = await this.http('profile')
      .post('/organizations')
      .set('X-Bootstrap-Token', BOOTSTRAP_TOKEN)
      .send({ name: `Org of ${userName}`, administrator: person(userName) });
    expectOk(res, 201);
    await this.activate(res.body.administrator.activationLink);
    return this.signIn(userName);
  }

  /** A standard account of `admin`'s organization, activated and signed in. */
  async member(
    admin: SignedIn,
    userName: string,
    extra: Record<string, unknown> = {},
  ): Promise<SignedIn> {
    const res = await this.http('profile')
      .post(`/organizations/${admin.orgId}/accounts`)
      .set(admin.bearer)
      .send({ ...person(userName), accountType: 'standard', ...extra });
    expectOk(res, 201);
    await this.activate(res.body.activationLink);
    return this.signIn(userName);
  }

  async signIn(userName: string): Promise<SignedIn> {
    const res = await this.http('auth').post('/auth/login').send({ userName, password: PASSWORD });
    expectOk(res, 200);
    const claims = JSON.parse(
      Buffer.from(res.body.accessToken.split('.')[1], 'base64url').toString(),
    );
    return {
      accountId: claims.sub,
      orgId: claims.org,
      accessToken: res.body.accessToken,
      refreshToken: res.body.refreshToken,
      bearer: { Authorization: `Bearer ${res.body.accessToken}` },
    };
  }

  /** `METHOD /path/:param` of every route a service serves, as its router registered them. */
  routes(service: 'auth' | 'profile' | 'credentials'): string[] {
    return [...this[service].routes];
  }

  async close(): Promise<void> {
    await this.credentials.close();
    await this.profile.close();
    await this.auth.close();
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** auth-service learns of the account from profile-service's events: retried until it has. */
  private async activate(link: string): Promise<void> {
    const token = new URL(link).searchParams.get('token');
    const deadline = Date.now() + 5_000;
    for (;;) {
      const res = await this.http('auth')
        .post('/auth/activate')
        .send({ token, password: PASSWORD });
      if (res.status === 200) return;
      if (Date.now() > deadline)
        throw new Error(`activation failed: ${res.status} ${JSON.stringify(res.body)}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

export function person(userName: string): Record<string, unknown> {
  return {
    userName,
    firstName: 'Jane',
    lastName: 'Doe',
    email: `${userName}@example.com`,
  };
}

export function expectOk(res: { status: number; body: unknown }, status: number): void {
  if (res.status !== status)
    throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
}
