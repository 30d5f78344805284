import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt, SignJWT } from 'jose';
import { type Principal, toClaims } from './principal';
import { SIGNING_ALGORITHM, SigningKeyRing } from './signing-key-ring';
import { TokenIssuer } from './token-issuer';
import { InvalidTokenError, parseTrustedIssuers, TokenVerifier } from './token-verifier';

const alice: Principal = {
  kind: 'user',
  accountId: 'acc-1',
  orgId: 'org-1',
  accountType: 'standard',
  sessionId: 's-1',
  amr: ['pwd'],
  authTime: 1_700_000_000,
};

describe('access tokens', () => {
  let dir: string;
  let ring: SigningKeyRing;
  let issuer: TokenIssuer;
  let verifier: TokenVerifier;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tokens-'));
    ring = await SigningKeyRing.loadOrCreate(join(dir, 'keys.json'));
    issuer = new TokenIssuer(ring, 'auth-service', 'accounts');
    verifier = new TokenVerifier({ 'auth-service': { jwks: () => ring.publicJwks() } }, 'accounts');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('issues a 5-minute EdDSA token that verifies back to the same principal', async () => {
    const { accessToken, expiresIn } = await issuer.issue(alice);
    expect(expiresIn).toBe(300);
    await expect(verifier.verify(accessToken)).resolves.toEqual(alice);
  });

  it('gives the issue time of a token with its principal, verified or remembered', async () => {
    const { accessToken } = await issuer.issue(alice, new Date(Date.now() - 60_000));
    const issuedAt = decodeJwt(accessToken).iat;
    await expect(verifier.verifyToken(accessToken)).resolves.toEqual({
      principal: alice,
      issuedAt,
    });
    // The second answer comes from the verified-token cache, with the same issue time.
    await expect(verifier.verifyToken(accessToken)).resolves.toEqual({
      principal: alice,
      issuedAt,
    });
  });

  it('refuses an expired token', async () => {
    const { accessToken } = await issuer.issue(alice, new Date(Date.now() - 301_000));
    await expect(verifier.verify(accessToken)).rejects.toMatchObject({ reason: 'expired' });
  });

  it('refuses a tampered token, garbage and an untrusted issuer', async () => {
    const { accessToken } = await issuer.issue(alice);
    const [h, p, s] = accessToken.split('.');
    const forged = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(p, 'base64url').toString()),
        acct: 'administrator',
      }),
    ).toString('base64url');
    await expect(verifier.verify(`${h}.${forged}.${s}`)).rejects.toBeInstanceOf(InvalidTokenError);
    await expect(verifier.verify('not-a-token')).rejects.toMatchObject({ reason: 'not a JWT' });
    const stranger = new TokenIssuer(
      await SigningKeyRing.loadOrCreate(join(dir, 'other.json')),
      'evil',
      'accounts',
    );
    await expect(verifier.verify((await stranger.issue(alice)).accessToken)).rejects.toMatchObject({
      reason: 'issuer not trusted',
    });
  });

  it('refuses a token signed by a key the issuer never published', async () => {
    const impostor = new TokenIssuer(
      await SigningKeyRing.loadOrCreate(join(dir, 'other.json')),
      'auth-service',
      'accounts',
    );
    await expect(verifier.verify((await impostor.issue(alice)).accessToken)).rejects.toBeInstanceOf(
      InvalidTokenError,
    );
  });

  it('refuses a token for another audience', async () => {
    const other = new TokenIssuer(ring, 'auth-service', 'somewhere-else');
    await expect(verifier.verify((await other.issue(alice)).accessToken)).rejects.toBeInstanceOf(
      InvalidTokenError,
    );
  });

  it('keeps verifying tokens signed with the previous key after a rotation, read from the published file', async () => {
    const jwksFile = join(dir, 'auth.jwks.json');
    const publish = () => writeFileSync(jwksFile, JSON.stringify(ring.publicJwks()));
    publish();
    const fromFile = new TokenVerifier({ 'auth-service': { file: jwksFile } }, 'accounts');
    const before = (await issuer.issue(alice)).accessToken;
    await ring.rotate();
    publish();
    const after = (await issuer.issue(alice)).accessToken;
    await expect(fromFile.verify(before)).resolves.toEqual(alice);
    await expect(fromFile.verify(after)).resolves.toEqual(alice);
    expect(ring.publicJwks().keys).toHaveLength(2);
    expect(ring.publicJwks().keys.every((k) => k.d === undefined)).toBe(true);
  });

  it('reloads the same key ring from its file', async () => {
    const again = await SigningKeyRing.loadOrCreate(join(dir, 'keys.json'));
    expect(again.publicJwks()).toEqual(ring.publicJwks());
  });

  it('parses trusted issuers from configuration and names a bad entry', () => {
    expect(
      parseTrustedIssuers(
        'auth-service=http://127.0.0.1:3002/.well-known/jwks.json, creds=file:/data/k.json',
      ),
    ).toEqual({
      'auth-service': { url: 'http://127.0.0.1:3002/.well-known/jwks.json' },
      creds: { file: '/data/k.json' },
    });
    expect(() => parseTrustedIssuers('nonsense')).toThrow(
      '"nonsense" is not an issuer URL, issuer=url-or-file:path, or file:path',
    );
  });

  describe('refuses validly signed tokens whose claims a real issuer never writes', () => {
    const now = () => Math.floor(Date.now() / 1000);
    /** Signs with the trusted key, so only the claims can be wrong. */
    async function signed(claims: {
      iat?: number;
      exp?: number;
      sub?: string | null;
    }): Promise<string> {
      const { kid, key } = await ring.current();
      const { sub, ...rest } = toClaims(alice);
      const payload: Record<string, unknown> = {
        ...rest,
        ...(claims.sub !== null && { sub: claims.sub ?? sub }),
      };
      const jwt = new SignJWT(payload)
        .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid, typ: 'at+jwt' })
        .setIssuer('auth-service')
        .setAudience('accounts');
      if (claims.iat !== undefined) jwt.setIssuedAt(claims.iat);
      if (claims.exp !== undefined) jwt.setExpirationTime(claims.exp);
      return jwt.sign(key);
    }

    it('without exp', async () => {
      await expect(verifier.verify(await signed({ iat: now() }))).rejects.toMatchObject({
        reason: 'claim exp refused',
      });
    });

    it('without iat', async () => {
      await expect(verifier.verify(await signed({ exp: now() + 60 }))).rejects.toMatchObject({
        reason: 'claim iat refused',
      });
    });

    it('without sub', async () => {
      await expect(
        verifier.verify(await signed({ iat: now(), exp: now() + 60, sub: null })),
      ).rejects.toMatchObject({
        reason: 'claim sub refused',
      });
    });

    it('issued in the future beyond the clock tolerance', async () => {
      const token = await signed({ iat: now() + 120, exp: now() + 300 });
      await expect(verifier.verify(token)).rejects.toMatchObject({ reason: 'claim iat refused' });
    });

    it('with a ten-year lifetime', async () => {
      const token = await signed({ iat: now(), exp: now() + 10 * 365 * 24 * 3600 });
      await expect(verifier.verify(token)).rejects.toMatchObject({ reason: 'lifetime too long' });
    });

    it('older than the maximum token age even when exp says otherwise', async () => {
      const token = await signed({ iat: now() - 3600, exp: now() + 60 });
      await expect(verifier.verify(token)).rejects.toMatchObject({ reason: 'expired' });
    });

    it('but accepts an iat a few seconds ahead, within the clock tolerance', async () => {
      const token = await signed({ iat: now() + 10, exp: now() + 300 });
      await expect(verifier.verify(token)).resolves.toEqual(alice);
    });
  });
});
