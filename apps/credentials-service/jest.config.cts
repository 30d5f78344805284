module.exports = {
  displayName: 'credentials-service',
  preset: '../../jest.preset.js',
  // Every supertest answer is checked against the served OpenAPI document.
  setupFilesAfterEnv: ['<rootDir>/../../libs/testing/src/openapi-answers.setup.ts'],
  coverageDirectory: '../../coverage/apps/credentials-service',
};
