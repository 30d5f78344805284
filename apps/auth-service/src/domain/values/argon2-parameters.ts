/** The argon2id cost parameters the service is configured with (memory in KiB). */
export interface Argon2Parameters {
  readonly memoryCost: number;
  readonly timeCost: number;
  readonly parallelism: number;
}

export interface PhcArgon2 extends Argon2Parameters {
  readonly algorithm: string;
  readonly version: number;
}

// $argon2id$v=19$m=65536,t=3,p=4$<salt>$<hash>; the parameters may come in any order (argon2 0.4x writes m,p,t).
const PHC =
  /^\$(argon2(?:id|i|d))\$v=(\d+)\$([a-z]=\d+(?:,[a-z]=\d+)*)\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/;

/** Reads the algorithm and parameters of a PHC string, or null when it is not an argon2 PHC string. */
export function parsePhcArgon2(phc: string): PhcArgon2 | null {
  const match = PHC.exec(phc);
  if (!match) return null;
  const [, algorithm, version, list] = match;
  const params = new Map(list.split(',').map((pair) => [pair[0], Number(pair.slice(2))] as const));
  const [m, t, p] = [params.get('m'), params.get('t'), params.get('p')];
  if (m === undefined || t === undefined || p === undefined) return null;
  return {
    algorithm,
    version: Number(version),
    memoryCost: m,
    timeCost: t,
    parallelism: p,
  };
}

/** argon2 version 1.3, the one every current library writes. */
export const Argon2Version = 19;

/** True when the stored hash is not argon2id v1.3 with exactly the configured parameters. */
export function passwordNeedsRehash(phc: string, configured: Argon2Parameters): boolean {
  const stored = parsePhcArgon2(phc);
  return (
    !stored ||
    stored.algorithm !== 'argon2id' ||
    stored.version !== Argon2Version ||
    stored.memoryCost !== configured.memoryCost ||
    stored.timeCost !== configured.timeCost ||
    stored.parallelism !== configured.parallelism
  );
}
