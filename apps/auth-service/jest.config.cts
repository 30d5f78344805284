module.exports = {
  displayName: 'auth-service',
  preset: '../../jest.preset.js',
  // Every supertest answer is checked against the served OpenAPI document.
  setupFilesAfterEnv: ['<rootDir>/../../libs/testing/src/openapi-answers.setup.ts'],
  coverageDirectory: '../../coverage/apps/auth-service',
  // otplib@13 pulls in ESM-only @scure/@noble packages: Node 20 require()s them, jest must transform them.
  transformIgnorePatterns: ['/node_modules/(?!(@scure|@noble|@otplib|otplib)/)'],
};
