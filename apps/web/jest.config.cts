module.exports = {
  displayName: 'web',
  preset: '../../jest.preset.js',
  // The gateway's specs and the browser suite; the page's component tests run under vitest (page/).
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/e2e/**/*.spec.ts'],
  coverageDirectory: '../../coverage/apps/web',
  // otplib@13 (the e2e computes TOTP codes) pulls in ESM-only packages: jest must transform them.
  transformIgnorePatterns: ['/node_modules/(?!(@scure|@noble|@otplib|otplib)/)'],
};
