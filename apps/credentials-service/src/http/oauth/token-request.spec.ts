import { OAuthError } from '../../application/token/oauth-error';
import { basicCredentials } from './basic-credentials';
import { parseTokenRequest } from './token-request';

const b64 = (text: string) => Buffer.from(text).toString('base64');

function refusal(parse: () => unknown): Pick<OAuthError, 'status' | 'error'> | undefined {
  try {
    parse();
  } catch (error) {
    if (error instanceof OAuthError) return { status: error.status, error: error.error };
    throw error;
  }
  return undefined;
}

describe('token request parsing', () => {
  it('reads HTTP Basic, form-decoding both halves after splitting at the first colon (RFC 6749 2.3.1)', () => {
    expect(basicCredentials(`Basic ${b64('aci_x:acs_y')}`)).toEqual({
      clientId: 'aci_x',
      secret: 'acs_y',
    });
    expect(basicCredentials(`basic ${b64('a%3Ab:s:with:colons+and%2B')}`)).toEqual({
      clientId: 'a:b',
      secret: 's:with:colons and+',
    });
  });

  it.each([
    undefined,
    '',
    'Bearer abc',
    `Basic ${b64('no-colon')}`,
    `Basic ${b64(':secret')}`,
    `Basic ${b64('id:')}`,
    'Basic !!!',
    `Basic ${b64('id:%E0%A4%A')}`,
  ])('answers invalid_client for %p', (header) => {
    expect(refusal(() => basicCredentials(header))).toEqual({
      status: 401,
      error: 'invalid_client',
    });
  });

  it('checks the grant type before the client, ignoring unknown parameters', () => {
    const auth = `Basic ${b64('id:secret')}`;
    expect(
      parseTokenRequest({ grant_type: 'client_credentials', scope: 'x y', foo: ['y'] }, auth),
    ).toEqual({ clientId: 'id', secret: 'secret', scope: ['x', 'y'] });
    expect(
      parseTokenRequest(
        {
          grant_type: 'client_credentials',
          client_id: 'id',
          client_secret: 's',
        },
        undefined,
      ),
    ).toEqual({ clientId: 'id', secret: 's' });
    expect(
      refusal(() =>
        parseTokenRequest(
          {
            grant_type: 'client_credentials',
            client_id: 'id',
            client_secret: 's',
          },
          auth,
        ),
      ),
    ).toEqual({ status: 400, error: 'invalid_request' });
    expect(
      refusal(() =>
        parseTokenRequest({ grant_type: 'client_credentials', client_id: 'id' }, undefined),
      ),
    ).toEqual({ status: 401, error: 'invalid_client' });
    expect(
      refusal(() => parseTokenRequest({ grant_type: 'client_credentials', scope: 'a\tb' }, auth)),
    ).toEqual({ status: 400, error: 'invalid_scope' });
    expect(refusal(() => parseTokenRequest(undefined, auth))).toEqual({
      status: 400,
      error: 'invalid_request',
    });
    expect(refusal(() => parseTokenRequest({ grant_type: '' }, auth))).toEqual({
      status: 400,
      error: 'invalid_request',
    });
    expect(
      refusal(() => parseTokenRequest({ grant_type: ['client_credentials', 'x'] }, auth)),
    ).toEqual({ status: 400, error: 'invalid_request' });
    expect(
      refusal(() => parseTokenRequest({ grant_type: 'authorization_code' }, undefined)),
    ).toEqual({ status: 400, error: 'unsupported_grant_type' });
    expect(
      refusal(() => parseTokenRequest({ grant_type: 'client_credentials' }, undefined)),
    ).toEqual({ status: 401, error: 'invalid_client' });
  });
});
