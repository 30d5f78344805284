// Tests of the whole stack (docker-compose.yml, the Kafka path between services): *.test.ts, so that the
// workspace `tools` jest project (tools/**/*.spec.ts, no path aliases) does not pick them up as well.
module.exports = {
  displayName: 'compose',
  preset: '../../jest.preset.js',
  testMatch: ['<rootDir>/**/*.test.ts'],
  // The stack tests load auth-service, whose otplib@13 pulls in ESM-only packages (as in its own config).
  transformIgnorePatterns: ['/node_modules/(?!(@scure|@noble|@otplib|otplib)/)'],
};
