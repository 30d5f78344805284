import { TestTokens } from '@accounts/testing';
import type { Principal } from '@accounts/security';
import { CredentialsTestApp } from '../testing/credentials-test-app';

type Caller = Partial<Principal> & Pick<Principal, 'accountId' | 'orgId'>;
const ann: Caller = { accountId: 'ann', orgId: 'org-1' };
const minutesAgo = (minutes: number) => Math.floor(Date.now() / 1000) - minutes * 60;

/** Generating and regenerating secrets use the shared step-up rule of every service (libs/security). */
describe('credentials-service: recent sign-in, as in every service', () => {
  let tokens: TestTokens;
  let h: CredentialsTestApp | undefined;
  beforeAll(async () => (tokens = await TestTokens.create()));
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  async function start(env: Record<string, string>): Promise<CredentialsTestApp> {
    h = await CredentialsTestApp.start(tokens.verifier, env);
    await h.registerAccount('ann', 'org-1');
    return h;
  }

  it('takes the window from RECENT_SIGN_IN_SECONDS, with the shared 401 code and step-up challenge', async () => {
    const service = await start({ RECENT_SIGN_IN_SECONDS: '120' });
    const before = await service.headPosition();
    const response = await service.http
      .post('/api-credentials')
      .set(await tokens.bearer({ ...ann, authTime: minutesAgo(3) }))
      .send({})
      .expect(401);
    expect(response.body).toMatchObject({
      code: 'SECURITY-recent-sign-in-required',
      details: { maxAgeSeconds: 120 },
    });
    expect(response.headers['www-authenticate']).toBe(
      'Bearer error="insufficient_user_authentication", error_description="Sign in again", max_age=120',
    );
    expect(await service.headPosition()).toBe(before);
    await service.http
      .post('/api-credentials')
      .set(await tokens.bearer({ ...ann, authTime: minutesAgo(1) }))
      .send({})
      .expect(201);
  });

  it('still honours the former CREDENTIALS_RECENT_SIGN_IN_SECONDS when it is set', async () => {
    const service = await start({
      CREDENTIALS_RECENT_SIGN_IN_SECONDS: '3600',
      RECENT_SIGN_IN_SECONDS: '120',
    });
    const created = await service.http
      .post('/api-credentials')
      .set(await tokens.bearer({ ...ann, authTime: minutesAgo(30) }))
      .send({})
      .expect(201);
    const response = await service.http
      .post(`/api-credentials/${created.body.id}/regenerate`)
      .set(await tokens.bearer({ ...ann, authTime: minutesAgo(61) }))
      .expect(401);
    expect(response.body).toMatchObject({
      code: 'SECURITY-recent-sign-in-required',
      details: { maxAgeSeconds: 3600 },
    });
  });
});
