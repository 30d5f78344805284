import baseConfig from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    // The consumer (src/ but its spec) imports nothing of the platform. Its spec plays the platform's
    // side (store and relays) to feed the real broker, so it imports those libs.
    files: ['**/*.spec.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
];
