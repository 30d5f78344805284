import { Module, type INestApplication } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { NestFactory } from '@nestjs/core';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { Principal } from '../tokens/principal';
import { SigningKeyRing } from '../tokens/signing-key-ring';
import { TokenVerifier } from '../tokens/token-verifier';
import { issuerKeyFiles, IssuerKeys } from './issuer-keys';
import { ISSUER_KEYS, JwksController } from './jwks.controller';

const apiCaller: Principal = {
  kind: 'api',
  accountId: 'acc-1',
  orgId: 'org-1',
  accountType: 'standard',
  sessionId: 'cred-1',
  amr: ['client_credentials'],
  authTime: 1_700_000_000,
};

describe('issuer keys', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'issuer-keys-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('embedded: keeps the private ring 0600 in the data folder and publishes the public set beside it', async () => {
    const keys = await IssuerKeys.load({ service: 'credentials-service', dataDir });
    const { privateFile, jwksFile } = issuerKeyFiles(dataDir, 'credentials-service');
    expect(keys.jwksFile).toBe(jwksFile);
    expect(statSync(privateFile).mode & 0o777).toBe(0o600);
    const published = JSON.parse(readFileSync(jwksFile, 'utf8'));
    expect(published).toEqual(keys.publicJwks());
    expect(published.keys.every((k: { d?: string }) => k.d === undefined)).toBe(true);

    const again = await IssuerKeys.load({ service: 'credentials-service', dataDir });
    expect(again.publicJwks()).toEqual(keys.publicJwks());
  });

  it('signs tokens that another service verifies from the published file, also across a rotation', async () => {
    const keys = await IssuerKeys.load({ service: 'credentials-service', dataDir });
    const { jwksFile } = issuerKeyFiles(dataDir, 'credentials-service');
    const verifier = new TokenVerifier({ 'credentials-service': { file: jwksFile } }, 'accounts');
    const before = (await keys.issuer('credentials-service', 'accounts').issue(apiCaller))
      .accessToken;
    await keys.rotate();
    const after = (await keys.issuer('credentials-service', 'accounts').issue(apiCaller))
      .accessToken;
    await expect(verifier.verify(before)).resolves.toEqual(apiCaller);
    await expect(verifier.verify(after)).resolves.toEqual(apiCaller);
  });

  it('production: takes the ring from SIGNING_KEYS and writes nothing', async () => {
    const ring = await SigningKeyRing.loadOrCreate(join(dataDir, 'elsewhere.json'));
    const privateJwks = JSON.parse(readFileSync(join(dataDir, 'elsewhere.json'), 'utf8')).keys.map(
      (k: { kid: string; privateJwk: object }) => ({ ...k.privateJwk, kid: k.kid }),
    );
    const keys = await IssuerKeys.load({
      service: 'credentials-service',
      dataDir,
      signingKeys: JSON.stringify(privateJwks),
    });
    expect(keys.jwksFile).toBeUndefined();
    expect(existsSync(join(dataDir, 'keys'))).toBe(false);
    expect(keys.publicJwks()).toEqual(ring.publicJwks());
  });

  describe('GET /.well-known/jwks.json', () => {
    let app: INestApplication;
    afterEach(() => app?.close());

    it('serves the public set, cacheable for five minutes', async () => {
      const keys = await IssuerKeys.load({ service: 'auth-service', dataDir });
      @Module({
        controllers: [JwksController],
        providers: [{ provide: ISSUER_KEYS, useValue: keys }],
      })
      class JwksModule {}
      app = await NestFactory.create<NestFastifyApplication>(JwksModule, new FastifyAdapter(), {
        logger: false,
      });
      await app.init();
      await (app as NestFastifyApplication).getHttpAdapter().getInstance().ready();
      const response = await request(app.getHttpServer()).get('/.well-known/jwks.json').expect(200);
      expect(response.body).toEqual(keys.publicJwks());
      expect(response.headers['cache-control']).toBe('public, max-age=300');
    });
  });
});
