import { findOperation, type OpenApiDocument, openApiMismatches } from '@accounts/testing';
import { randomUUID } from 'node:crypto';
import { PASSWORD, type SignedIn, Stack } from './stack';

type Service = 'auth' | 'profile' | 'credentials';
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

interface Parameter {
  readonly name: string;
  readonly in: string;
}

describe('the served OpenAPI documents match the real answers', () => {
  let stack: Stack;
  let admin: SignedIn;
  let user: SignedIn;
  const documents = {} as Record<Service, OpenApiDocument>;
  beforeAll(async () => {
    stack = await Stack.start();
    admin = await stack.organization('alice');
    user = await stack.member(admin, 'bob');
    for (const service of ['auth', 'profile', 'credentials'] as const) {
      documents[service] = (await stack.http(service).get('/docs-json').expect(200)).body;
    }
  }, 60_000);
  afterAll(() => stack.close());

  /** Calls the route, then checks that its status is documented and that the body has the documented shape. */
  async function conforms(
    service: Service,
    method: Method,
    path: string,
    caller: SignedIn | undefined,
    body?: object,
    status?: number,
  ) {
    let call = stack.http(service)[method](path);
    if (caller) call = call.set(caller.bearer);
    const res = await (body ? call.send(body) : call);
    if (status !== undefined) expect(res.status).toBe(status);
    const found = findOperation(documents[service], method, path);
    if (!found)
      throw new Error(`${method.toUpperCase()} ${path} is not in the ${service} document`);
    // The one check every service spec runs on its answers (libs/testing), here across the whole stack.
    const problems = openApiMismatches(documents[service], {
      method,
      path,
      status: res.status,
      headers: res.headers,
      body: res.body,
      text: res.text ?? '',
    });
    if (problems.length > 0) throw new Error(problems.join('\n'));
    const schema =
      found.operation.responses?.[String(res.status)]?.content?.['application/json']?.schema;
    return { res, documented: Boolean(schema) };
  }

  it('documents the {channel} parameter of the verification routes', () => {
    for (const template of [
      '/auth/me/verification/{channel}',
      '/auth/me/verification/{channel}/confirm',
    ]) {
      const parameters =
        (documents.auth.paths[template]?.['post'] as { parameters?: Parameter[] } | undefined)
          ?.parameters ?? [];
      expect(parameters).toEqual(
        expect.arrayContaining([expect.objectContaining({ name: 'channel', in: 'path' })]),
      );
    }
  });

  it.each([
    ['profile', 'patch', '/accounts/me', 'user', { firstName: 'Jane\u202eeoD' }, 400],
    ['profile', 'get', '/accounts/me', undefined, undefined, 401],
    ['profile', 'put', '/accounts/{admin}/account-type', 'user', { accountType: 'standard' }, 403],
    ['profile', 'get', '/organizations/{random}', 'admin', undefined, 404],
    [
      'profile',
      'post',
      '/organizations/{org}/accounts',
      'admin',
      {
        userName: 'bob',
        firstName: 'B',
        lastName: 'B',
        email: 'b2@example.com',
        accountType: 'standard',
      },
      409,
    ],
    ['auth', 'post', '/auth/login', undefined, { userName: 'bob' }, 400],
    [
      'auth',
      'post',
      '/auth/login',
      undefined,
      { userName: 'nobody', password: 'wrong password here' },
      401,
    ],
    ['auth', 'post', '/auth/me/verification/fax', 'user', undefined, 400],
    ['auth', 'post', '/auth/accounts/{admin}/authenticator/reset', 'user', { reason: 'x' }, 403],
    ['auth', 'delete', '/auth/me/sessions/{random}', 'user', undefined, 404],
    ['credentials', 'post', '/api-credentials', 'user', { name: 'x'.repeat(500) }, 400],
    ['credentials', 'get', '/api-credentials', undefined, undefined, 401],
    ['credentials', 'delete', '/api-credentials/{random}', 'user', undefined, 404],
  ] as const)(
    '%s %s %s: a documented %#th error answer in the ErrorBody shape',
    async (service, method, template, who, body, status) => {
      const path = template
        .replace('{admin}', admin.accountId)
        .replace('{org}', admin.orgId)
        .replace('{random}', randomUUID());
      const caller = who === 'admin' ? admin : who === 'user' ? user : undefined;
      const { documented } = await conforms(service, method, path, caller, body, status);
      expect(documented).toBe(true);
    },
  );

  it('answers the token routes, the method change and the profile in their documented shapes', async () => {
    const login = await conforms(
      'auth',
      'post',
      '/auth/login',
      undefined,
      { userName: 'bob', password: PASSWORD },
      200,
    );
    expect(login.documented).toBe(true);
    const refresh = await conforms(
      'auth',
      'post',
      '/auth/refresh',
      undefined,
      { refreshToken: login.res.body.refreshToken },
      200,
    );
    expect(refresh.documented).toBe(true);
    const fresh = {
      ...user,
      bearer: { Authorization: `Bearer ${refresh.res.body.accessToken}` },
    };
    expect(
      (await conforms('auth', 'put', '/auth/me/method', fresh, { method: 'authenticator' }, 200))
        .documented,
    ).toBe(true);
    expect(
      (await conforms('profile', 'get', '/accounts/me', user, undefined, 200)).documented,
    ).toBe(true);
    expect(
      (await conforms('profile', 'patch', '/accounts/me', user, { firstName: 'Robert' }, 200))
        .documented,
    ).toBe(true);
    const typed = await conforms(
      'profile',
      'put',
      `/accounts/${user.accountId}/group-restriction`,
      admin,
      { groupRestriction: { kind: 'groups', groups: ['Paris'] } },
      200,
    );
    expect(typed.documented).toBe(true);
  });

  it('answers the success cases with a documented status (and the documented shape where one is declared)', async () => {
    await conforms('profile', 'get', '/accounts/me', user, undefined, 200);
    await conforms('auth', 'get', '/auth/me/sessions', user, undefined, 200);
    await conforms('credentials', 'get', '/api-credentials', user, undefined, 200);
    await conforms('profile', 'get', '/health', undefined, undefined, 200);
  });
});
