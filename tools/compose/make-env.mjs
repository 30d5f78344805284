#!/usr/bin/env node
// Prints a .env for docker-compose.yml (and docker-compose.postgres.yml) with fresh secrets: `node tools/compose/make-env.mjs > .env`.
// Every replica of a service must share these, so they come from the environment, not from a volume.
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';

/** A JSON array with one private Ed25519 JWK (with kid), the format SIGNING_KEYS expects. */
function signingKeys() {
  const { privateKey } = generateKeyPairSync('ed25519');
  return JSON.stringify([
    { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg: 'EdDSA', use: 'sig' },
  ]);
}

const values = {
  BOOTSTRAP_TOKEN: randomBytes(24).toString('base64url'),
  AUTH_SIGNING_KEYS: signingKeys(),
  TOTP_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  // Shared by profile-service and auth-service: activation links are derived from it.
  ACTIVATION_LINK_KEY: randomBytes(32).toString('base64'),
  CREDENTIALS_SIGNING_KEYS: signingKeys(),
  CREDENTIALS_SECRET_PEPPER: randomBytes(36).toString('base64url'),
};
// docker-compose.postgres.yml: the database password and the services' connection string with it (hex: URL-safe).
values.POSTGRES_PASSWORD = randomBytes(24).toString('hex');
values.POSTGRES_EVENTSTORE_URL = `postgres://accounts:${values.POSTGRES_PASSWORD}@postgres:5432/accounts`;

// Not a secret: replace it with your SMS provider's gateway (POST {"to","text"} as JSON).
values.SMS_GATEWAY_URL = 'https://sms-gateway.example.com/send';

// Single quotes: compose takes the JSON of the keys literally.
process.stdout.write(
  Object.entries(values)
    .map(([name, value]) => `${name}='${value}'`)
    .join('\n') + '\n',
);
