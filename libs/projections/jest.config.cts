module.exports = {
  displayName: 'projections',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/projections',
};
