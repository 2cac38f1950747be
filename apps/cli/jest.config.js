const base = require('../../jest.preset.js')(__dirname);

// The CLI is spawned as a child process against the real API started in-process (apps/api/test/support).
module.exports = {
  ...base,
  globalSetup: '<rootDir>/../api/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/../api/test/support/global-teardown.ts',
};
