import { generateKeyPairSync } from 'node:crypto';
import { decodeProtectedHeader, importJWK, type JWK, jwtVerify, SignJWT } from 'jose';
import { CompactJwsSigner } from './compact-jws';
import { SIGNING_ALGORITHM, SigningKeyRing } from './signing-key-ring';
import { TokenIssuer } from './token-issuer';

const alice = {
  kind: 'user',
  accountId: 'acc-1',
  orgId: 'org-1',
  accountType: 'standard',
  sessionId: 's-1',
  amr: ['pwd'],
  authTime: 1_700_000_000,
} as const;

describe('access tokens signed with node:crypto', () => {
  it('are the bytes jose signs for the same header and claims (Ed25519 is deterministic)', async () => {
    const ring = await SigningKeyRing.generate();
    const { kid, privateJwk } = ring.newest();
    const header = { alg: SIGNING_ALGORITHM, kid, typ: 'at+jwt' };
    const claims = {
      sub: 'acc-1',
      amr: ['pwd'],
      iss: 'auth-service',
      aud: 'accounts',
      iat: 1,
      exp: 301,
    };
    const ours = new CompactJwsSigner(privateJwk, header).sign(claims);
    const jose = await new SignJWT(claims)
      .setProtectedHeader(header)
      .sign(await importJWK(privateJwk, SIGNING_ALGORITHM));
    expect(ours).toBe(jose);
  });

  it('verify with jose against the published key, with the issuer, audience and lifetime asked for', async () => {
    const ring = await SigningKeyRing.generate();
    const issuer = new TokenIssuer(ring, 'https://auth.example', 'accounts', 120);
    const now = new Date();
    const { accessToken } = await issuer.issue(alice, now);
    const [published] = ring.publicJwks().keys;
    const { payload, protectedHeader } = await jwtVerify(
      accessToken,
      await importJWK(published, SIGNING_ALGORITHM),
      {
        issuer: 'https://auth.example',
        audience: 'accounts',
        typ: 'at+jwt',
        algorithms: ['EdDSA'],
      },
    );
    expect(protectedHeader).toEqual({ alg: 'EdDSA', kid: published.kid, typ: 'at+jwt' });
    const iat = Math.floor(now.getTime() / 1000);
    expect(payload).toMatchObject({ sub: 'acc-1', org: 'org-1', sid: 's-1', iat, exp: iat + 120 });
    expect(payload.jti).toEqual(expect.any(String));
  });

  it('switch to the new key after a rotation and give each token its own jti', async () => {
    const ring = await SigningKeyRing.generate();
    const issuer = new TokenIssuer(ring, 'auth-service', 'accounts');
    const before = (await issuer.issue(alice)).accessToken;
    await ring.rotate();
    const after = (await issuer.issue(alice)).accessToken;
    const again = (await issuer.issue(alice)).accessToken;
    expect(decodeProtectedHeader(before).kid).not.toBe(decodeProtectedHeader(after).kid);
    expect(decodeProtectedHeader(after).kid).toBe(ring.newest().kid);
    expect(after).not.toBe(again);
  });

  it('refuse a key that is not Ed25519', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(
      () => new CompactJwsSigner(privateKey.export({ format: 'jwk' }) as JWK, { alg: 'EdDSA' }),
    ).toThrow('expected an Ed25519 key, got ec');
  });
});
