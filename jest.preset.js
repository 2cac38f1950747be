// Shared jest setup: swc for speed (with decorator metadata for NestJS), lib aliases to sources.
const path = require('node:path');

module.exports = (projectDir) => ({
  rootDir: projectDir,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  moduleNameMapper: {
    '^@gateway/(routing|converters|analytics|contracts)$': path.join(
      __dirname,
      'libs/$1/src/index.ts',
    ),
  },
  testTimeout: 60000,
  reporters: ['default', path.join(__dirname, 'tools/jest-summary-reporter.js')],
});
