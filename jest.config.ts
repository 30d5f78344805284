import type { Config } from 'jest';
import { getJestProjectsAsync } from '@nx/jest';

// One jest run over every Nx project (each project's own `test` target still works for `nx affected`),
// plus the workspace tooling tests under tools/ and the consumer example under examples/.
export default async (): Promise<Config> => ({
  projects: [
    ...(await getJestProjectsAsync()),
    {
      displayName: 'tools',
      preset: './jest.preset.js',
      testMatch: ['<rootDir>/tools/**/*.spec.ts', '<rootDir>/bench/lib/**/*.spec.ts'],
    },
    // Not an Nx project (a package another team would own), so listed here for `npm test` to run it.
    '<rootDir>/examples/nestjs-consumer',
  ],
  reporters: ['default', '<rootDir>/tools/jest-summary-reporter.cjs'],
  // A global option (ignored in a project's config): HTTP specs run argon2 and fsynced SQLite on 2 cores.
  testTimeout: 20_000,
});
