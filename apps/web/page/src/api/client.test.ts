import { describe, expect, it, vi } from 'vitest';
import { ApiClient } from './client';

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });

describe('ApiClient', () => {
  it('sends the CSRF cookie back as a header and the access token as Bearer', async () => {
    document.cookie = 'accounts_csrf=abc123';
    const fetchImpl = vi.fn().mockResolvedValue(json(200, { ok: true }));
    const client = new ApiClient(fetchImpl);
    client.acceptTokens({ accessToken: 'at-1', expiresIn: 300 });
    await client.patch('/api/profile/accounts/me', { firstName: 'Ann' });
    const [, init] = fetchImpl.mock.calls[0];
    expect(init.headers).toEqual(
      expect.objectContaining({
        'X-CSRF-Token': 'abc123',
        Authorization: 'Bearer at-1',
      }),
    );
  });

  it('refreshes once through the gateway on an expired token, then retries', async () => {
    const fetchImpl = vi
      .fn()
      .mockResolvedValueOnce(json(401, { message: 'expired' }))
      .mockResolvedValueOnce(json(200, { accessToken: 'at-2', expiresIn: 300 }))
      .mockResolvedValueOnce(json(200, { userName: 'ann' }));
    const client = new ApiClient(fetchImpl);
    client.acceptTokens({ accessToken: 'at-1', expiresIn: 300 });
    expect(await client.get('/api/profile/accounts/me')).toEqual({
      userName: 'ann',
    });
    expect(fetchImpl.mock.calls[1][0]).toBe('/api/session/refresh');
    expect(fetchImpl.mock.calls[2][1].headers.Authorization).toBe('Bearer at-2');
  });

  it('asks the person to sign in again on a step-up challenge and then completes the same request', async () => {
    const fetchImpl = vi
      .fn()
      .mockResolvedValueOnce(json(401, { code: 'CREDENTIALS-recent-sign-in-required' }))
      .mockResolvedValueOnce(json(201, { id: 'c1', secret: 'acs_x' }));
    const client = new ApiClient(fetchImpl);
    client.acceptTokens({ accessToken: 'old', expiresIn: 300 });
    const reauth = vi.fn(async () => client.acceptTokens({ accessToken: 'fresh', expiresIn: 300 }));
    client.setReauthHandler(reauth);
    expect(await client.post('/api/credentials/api-credentials', { name: 'ci' })).toEqual({
      id: 'c1',
      secret: 'acs_x',
    });
    expect(reauth).toHaveBeenCalledTimes(1);
    expect(fetchImpl.mock.calls[1][1].body).toBe(JSON.stringify({ name: 'ci' }));
    expect(fetchImpl.mock.calls[1][1].headers.Authorization).toBe('Bearer fresh');
  });

  it('a refused refresh leaves the page signed out and throws the original error', async () => {
    const fetchImpl = vi
      .fn()
      .mockResolvedValueOnce(json(401, { message: 'expired' }))
      .mockResolvedValueOnce(json(401, { message: 'no session' }));
    const client = new ApiClient(fetchImpl);
    client.acceptTokens({ accessToken: 'at-1', expiresIn: 300 });
    await expect(client.get('/api/auth/me/sessions')).rejects.toMatchObject({
      status: 401,
    });
    expect(client.signedIn).toBe(false);
  });
});
