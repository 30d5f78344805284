import { randomBytes } from 'node:crypto';
import { type Principal, SigningKeyRing, TokenIssuer } from '@accounts/security';
import { newApiSecret } from '../../apps/credentials-service/src/application/secrets/api-secret';
import { SecretHasher } from '../../apps/credentials-service/src/application/secrets/secret-hasher';
import { runConcurrent } from './measure';

/** The issuer of a grant's access token, as credentials-service signs it (a fresh EdDSA key). */
export async function grantTokenIssuer(): Promise<TokenIssuer> {
  return new TokenIssuer(await SigningKeyRing.generate(), 'credentials-service', 'accounts');
}

/** Who a benchmark grant's token speaks for: an API credential (`sessionId` is its client id). */
export function grantPrincipal(sessionId: string): Principal {
  return {
    kind: 'api',
    accountId: 'bench-user',
    orgId: 'bench-org',
    accountType: 'standard',
    sessionId,
    amr: ['client_credentials'],
    authTime: 0,
  };
}

/**
 * One HMAC check plus one JWT signature, back to back, in this process: the floor of a grant.
 * Resolves with the rate and the CPU it took per operation (1000 warm-up operations not counted).
 */
export async function rawGrantCost(
  count: number,
): Promise<Awaited<ReturnType<typeof runConcurrent>> & { cpuMicrosPerOp: number }> {
  const hasher = new SecretHasher(randomBytes(32));
  const secret = newApiSecret();
  const stored = hasher.hash(secret);
  const issuer = await grantTokenIssuer();
  const principal = grantPrincipal('c');
  const once = async () => {
    if (!hasher.matches(secret, stored)) throw new Error('hash check failed');
    await issuer.issue(principal);
  };
  for (let i = 0; i < 1000; i++) await once();
  const before = process.cpuUsage();
  const result = await runConcurrent(count, 1, once);
  const cpu = process.cpuUsage(before);
  return { ...result, cpuMicrosPerOp: (cpu.user + cpu.system) / count };
}
