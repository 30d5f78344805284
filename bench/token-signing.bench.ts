/**
 * npm run bench -- token-signing [--tokens=20000]
 * CPU per access token signed, in this process: jose's SignJWT (how TokenIssuer signed before)
 * against TokenIssuer (node:crypto over a header encoded once per key), in alternating rounds, and
 * the verification of one (jose, as every service does it).
 */
import { randomUUID } from 'node:crypto';
import { importJWK, jwtVerify, SignJWT } from 'jose';
import {
  type Principal,
  SIGNING_ALGORITHM,
  SigningKeyRing,
  TokenIssuer,
  toClaims,
} from '@accounts/security';

const TOKENS = Number(process.argv.find((a) => a.startsWith('--tokens='))?.split('=')[1] ?? 20_000);
const alice: Principal = {
  kind: 'user',
  accountId: randomUUID(),
  orgId: randomUUID(),
  accountType: 'standard',
  sessionId: randomUUID(),
  amr: ['pwd'],
  authTime: Math.floor(Date.now() / 1000),
};

async function cpuMicrosEach(label: string, each: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < 500; i++) await each(); // warm-up
  const start = process.cpuUsage();
  for (let i = 0; i < TOKENS; i++) await each();
  const used = process.cpuUsage(start);
  console.log(
    `  ${label.padEnd(48)} ${((used.user + used.system) / TOKENS).toFixed(1)} µs CPU each`,
  );
}

async function main(): Promise<void> {
  const ring = await SigningKeyRing.generate();
  const issuer = new TokenIssuer(ring, 'http://127.0.0.1:3002', 'accounts');
  const { kid, key } = await ring.current();
  const jose = () =>
    new SignJWT({ ...toClaims(alice) })
      .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid, typ: 'at+jwt' })
      .setIssuer('http://127.0.0.1:3002')
      .setAudience('accounts')
      .setIssuedAt()
      .setExpirationTime('300s')
      .setJti(randomUUID())
      .sign(key);
  const publicKey = await importJWK(ring.publicJwks().keys[0], SIGNING_ALGORITHM);
  const token = (await issuer.issue(alice)).accessToken;
  console.log(`token signing: ${TOKENS} tokens per round, Ed25519`);
  for (let round = 1; round <= 2; round++) {
    await cpuMicrosEach(`round ${round}: jose SignJWT`, jose);
    await cpuMicrosEach(`round ${round}: TokenIssuer (node:crypto)`, () => issuer.issue(alice));
  }
  await cpuMicrosEach('jose jwtVerify (every service)', () =>
    jwtVerify(token, publicKey, { issuer: 'http://127.0.0.1:3002', audience: 'accounts' }),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
