import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IssuerKeys } from '../issuer/issuer-keys';
import type { Principal } from './principal';
import { SigningKeyRing } from './signing-key-ring';
import { TokenIssuer } from './token-issuer';
import {
  authorizationServerMetadataUrl,
  parseTrustedIssuers,
  TokenVerifier,
} from './token-verifier';

const api: Principal = {
  kind: 'api',
  accountId: 'acc-1',
  orgId: 'org-1',
  accountType: 'standard',
  sessionId: 'cred-1',
  amr: ['client_credentials'],
  authTime: Math.floor(Date.now() / 1000),
  scopes: ['profile:read'],
  clientId: 'aci_1',
};

describe('TRUSTED_ISSUERS with issuer URLs', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'trusted-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('parses an issuer URL alone (discovery), a JWKS file that names its issuer, and the old issuer=location', () => {
    expect(
      parseTrustedIssuers(
        'https://auth.example.com, file:/data/keys/a.jwks.json, http://x:3003=http://x:3003/.well-known/jwks.json',
      ),
    ).toEqual({
      'https://auth.example.com': { discovery: 'https://auth.example.com' },
      'file:/data/keys/a.jwks.json': { publishedFile: '/data/keys/a.jwks.json' },
      'http://x:3003': { url: 'http://x:3003/.well-known/jwks.json' },
    });
    expect(() => parseTrustedIssuers('https://auth.example.com/?tenant=1')).toThrow();
    expect(authorizationServerMetadataUrl('https://h.example')).toBe(
      'https://h.example/.well-known/oauth-authorization-server',
    );
    expect(authorizationServerMetadataUrl('https://h.example/tenant/')).toBe(
      'https://h.example/.well-known/oauth-authorization-server/tenant',
    );
  });

  it('embedded: trusts the issuer a published file names, even when the file appears after the verifier starts', async () => {
    const verifier = new TokenVerifier(
      parseTrustedIssuers(`file:${join(dir, 'keys', 'credentials-service.jwks.json')}`),
      'accounts',
    );
    const keys = await IssuerKeys.load({
      service: 'credentials-service',
      dataDir: dir,
      issuer: 'http://127.0.0.1:3003',
    });
    const token = (await keys.issuer('http://127.0.0.1:3003', 'accounts').issue(api)).accessToken;
    await expect(verifier.verify(token)).resolves.toEqual(api);
    // Another issuer signing with its own keys under a name it does not own is refused.
    const other = await SigningKeyRing.generate();
    const forged = (await new TokenIssuer(other, 'http://127.0.0.1:3003', 'accounts').issue(api))
      .accessToken;
    await expect(verifier.verify(forged)).rejects.toThrow('Invalid access token');
    const unknown = (await new TokenIssuer(other, 'http://elsewhere', 'accounts').issue(api))
      .accessToken;
    await expect(verifier.verify(unknown)).rejects.toThrow('issuer not trusted');
  });

  describe('discovery over HTTP (RFC 8414 metadata, then jwks_uri)', () => {
    let server: Server;
    let issuerUrl: string;
    let ring: SigningKeyRing;
    let metadataIssuer: () => string;

    beforeEach(async () => {
      ring = await SigningKeyRing.generate();
      server = createServer((req, res) => {
        res.setHeader('Content-Type', 'application/json');
        if (req.url === '/.well-known/oauth-authorization-server') {
          res.end(JSON.stringify({ issuer: metadataIssuer(), jwks_uri: `${issuerUrl}/keys` }));
        } else if (req.url === '/keys') res.end(JSON.stringify(ring.publicJwks()));
        else res.writeHead(404).end('{}');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      issuerUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      metadataIssuer = () => issuerUrl;
    });
    afterEach(() => new Promise((resolve) => server.close(resolve)));

    it('finds the keys of an issuer known by its URL alone', async () => {
      const verifier = new TokenVerifier(parseTrustedIssuers(issuerUrl), 'accounts');
      const token = (await new TokenIssuer(ring, issuerUrl, 'accounts').issue(api)).accessToken;
      await expect(verifier.verify(token)).resolves.toEqual(api);
    });

    it('refuses the tokens when the metadata names another issuer (a mix-up)', async () => {
      metadataIssuer = () => 'https://somebody-else.example';
      const verifier = new TokenVerifier(parseTrustedIssuers(issuerUrl), 'accounts');
      const token = (await new TokenIssuer(ring, issuerUrl, 'accounts').issue(api)).accessToken;
      await expect(verifier.verify(token)).rejects.toThrow('issuer metadata invalid');
    });
  });

  it('a JWKS file with no issuer member is not trusted for any issuer', async () => {
    const ring = await SigningKeyRing.generate();
    writeFileSync(join(dir, 'plain.json'), JSON.stringify(ring.publicJwks()));
    const verifier = new TokenVerifier(
      parseTrustedIssuers(`file:${join(dir, 'plain.json')}`),
      'accounts',
    );
    const token = (await new TokenIssuer(ring, 'http://a', 'accounts').issue(api)).accessToken;
    await expect(verifier.verify(token)).rejects.toThrow('issuer not trusted');
  });
});
