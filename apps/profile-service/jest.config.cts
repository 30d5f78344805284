module.exports = {
  displayName: 'profile-service',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/profile-service',
};
