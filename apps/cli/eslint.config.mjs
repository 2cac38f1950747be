// The root config lints TypeScript only; the CLI is plain ES modules checked by tsc (checkJs), so it
// gets the same rules here, typed through this folder's tsconfig.json.
import root from '../../eslint.config.mjs';

const NODE_GLOBALS = Object.fromEntries(
  [
    'process',
    'console',
    'URL',
    'URLSearchParams',
    'fetch',
    'Response',
    'Headers',
    'AbortSignal',
    'setTimeout',
    'clearTimeout',
    'Buffer',
  ].map((name) => [name, 'readonly']),
);

export default [
  { ignores: ['**/node_modules/**', 'jest.config.js'] },
  // The root's global ignores drop *.mjs; keep the rest.
  ...root.filter((c) => !(c.ignores && Object.keys(c).length === 1)),
  {
    files: ['**/*.mjs'],
    languageOptions: {
      sourceType: 'module',
      globals: NODE_GLOBALS,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
];
