import { TestTokens } from '@accounts/testing';
import { type Member, ProfileTestApp } from '../testing/profile-test-app';

/** Values of every JSON type, and some that trip naive code. */
const ODD_VALUES: unknown[] = [
  null,
  true,
  0,
  -1.5,
  1e308,
  '',
  ' ',
  '\u0000',
  'x'.repeat(20_000),
  '💥'.repeat(100),
  [],
  ['a', 1],
  {},
  { kind: 'groups', groups: [{}] },
  { __proto__: { admin: true } },
];

const RAW_BODIES = [
  '',
  '{',
  '[]',
  '[{}]',
  'null',
  '"text"',
  '42',
  '{"__proto__":{"isAdmin":true}}',
  '{"constructor":{"prototype":{}}}',
];

describe('no 500 for anything a client can send', () => {
  let app: ProfileTestApp;
  let admin: Member;
  let user: Member;
  let endpoints: { method: 'post' | 'put' | 'patch'; path: string; fields: string[] }[];
  beforeAll(async () => {
    app = await ProfileTestApp.start(await TestTokens.create());
    admin = (await app.createOrganization('alice')).admin;
    user = (await app.registerAccount(admin, 'bob')).member;
    endpoints = [
      { method: 'post', path: '/organizations', fields: ['name', 'administrator'] },
      {
        method: 'put',
        path: `/organizations/${admin.orgId}/settings`,
        fields: ['name', 'twoFactorRequired', 'emailEditableByUsers', 'allowedSecondFactors'],
      },
      {
        method: 'post',
        path: `/organizations/${admin.orgId}/accounts`,
        fields: [
          'userName',
          'firstName',
          'lastName',
          'email',
          'mobilePhone',
          'timeZone',
          'sessionTimeout',
          'accountType',
          'groupRestriction',
        ],
      },
      {
        method: 'patch',
        path: '/accounts/me',
        fields: [
          'userName',
          'firstName',
          'lastName',
          'email',
          'mobilePhone',
          'timeZone',
          'sessionTimeout',
        ],
      },
      { method: 'put', path: `/accounts/${user.accountId}/account-type`, fields: ['accountType'] },
      {
        method: 'put',
        path: `/accounts/${user.accountId}/group-restriction`,
        fields: ['groupRestriction'],
      },
      { method: 'post', path: `/accounts/${user.accountId}/disable`, fields: ['reason'] },
    ];
  });
  afterAll(() => app.close());

  it('answers odd values in every field of every write without a 5xx; whatever is refused writes nothing', async () => {
    const auth = await app.as(admin);
    const failures: string[] = [];
    const send = async (label: string, request: () => Promise<{ status: number }>) => {
      const head = await app.headPosition();
      const { status } = await request();
      const wrote = (await app.headPosition()) !== head;
      if (status >= 500 || (status >= 400 && wrote))
        failures.push(`${label} -> ${status}${wrote ? ' (wrote)' : ''}`);
    };
    for (const { method, path, fields } of endpoints) {
      for (const field of fields) {
        for (const value of ODD_VALUES) {
          await send(`${method} ${path} ${field}=${JSON.stringify(value)?.slice(0, 40)}`, () =>
            app
              .http()
              [method](path)
              .set(auth)
              .send({ [field]: value }),
          );
        }
      }
      for (const raw of RAW_BODIES) {
        await send(`${method} ${path} body ${raw}`, () =>
          app.http()[method](path).set(auth).set('Content-Type', 'application/json').send(raw),
        );
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('answers odd paths and query strings with 4xx', async () => {
    const auth = await app.as(admin);
    for (const path of [
      '/organizations/%00',
      '/organizations/%E0%A4%A',
      `/organizations/${admin.orgId}/accounts?limit[]=1`,
      `/organizations/${admin.orgId}/accounts?limit=1e3`,
      `/organizations/${admin.orgId}/accounts?cursor=${'%FF'.repeat(10)}`,
      '/accounts/%2e%2e/account-type',
      '/accounts/me/account-type',
    ]) {
      const res = await app.http().get(path).set(auth);
      expect({ path, status: res.status < 500 && res.status >= 400 }).toEqual({
        path,
        status: true,
      });
    }
  });

  it('answers a token that is not a bearer token, or a forged one, with 401', async () => {
    for (const header of [
      'Bearer',
      'Basic abc',
      `Bearer ${'a'.repeat(10_000)}`,
      'Bearer a.b.c',
      'Bearer e30.e30.',
    ]) {
      const res = await app.http().get('/accounts/me').set('Authorization', header);
      expect(res.status).toBe(401);
    }
    const otherIssuer = await TestTokens.create();
    const forged = await app
      .http()
      .get('/accounts/me')
      .set(await otherIssuer.bearer(admin));
    expect(forged.status).toBe(401);
  });
});
