module.exports = {
  displayName: 'event-sourcing',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/event-sourcing',
};
