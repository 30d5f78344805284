import baseConfig from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    // A whole-stack test: it checks docker-compose.yml against each app's own config schema and feeds the
    // apps' own projections from Kafka, so it imports app sources by path. No shipped code lives here.
    files: ['**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
];
