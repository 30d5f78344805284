// Listed in the root jest.config.ts so that `npm test` runs it; it runs from the workspace's node_modules.
module.exports = {
  displayName: 'nestjs-consumer',
  preset: '../../jest.preset.js',
};
