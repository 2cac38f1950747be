const base = require('../../jest.preset.js')(__dirname);

module.exports = {
  ...base,
  globalSetup: '<rootDir>/test/support/global-setup.js',
  globalTeardown: '<rootDir>/test/support/global-teardown.js',
};
