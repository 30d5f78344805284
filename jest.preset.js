const nxPreset = require('@nx/jest/preset').default;

// @swc/jest instead of ts-jest: about ten times faster, and it keeps decorator metadata for Nest.
module.exports = {
  ...nxPreset,
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  // Every event a test appends must validate against its committed JSON Schema (fails the test otherwise).
  setupFilesAfterEnv: [`${__dirname}/tools/jest/validate-appended-events.ts`],
  // HTTP specs run argon2 and real SQLite; 5 s is too tight on a busy 2-core machine.
  testTimeout: 20_000,
};
