import { baseConfigSchema, type ConfigOf, port } from '@accounts/service-kit';

/** Every environment variable auth-service reads; validated at start, documented in the README. */
export const authConfigSchema = {
  ...baseConfigSchema,
  PORT: port({ description: 'HTTP port auth-service listens on', default: 3002 }),
};

export type AuthConfig = ConfigOf<typeof authConfigSchema>;
