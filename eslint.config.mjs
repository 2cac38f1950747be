import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

/** What Node scripts here may use without importing it. */
/** @type {Record<string, "readonly">} */
const NODE_GLOBALS = Object.fromEntries(
  [
    'process',
    'console',
    'Buffer',
    'URL',
    'URLSearchParams',
    'fetch',
    'Request',
    'Response',
    'Headers',
    'FormData',
    'Blob',
    'ReadableStream',
    'TextEncoder',
    'TextDecoder',
    'AbortController',
    'AbortSignal',
    'performance',
    'structuredClone',
    'queueMicrotask',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'setImmediate',
    'clearImmediate',
  ].map((name) => [name, 'readonly']),
);

// The api's modules in layers: a module imports only modules of lower layers, so the folder graph cannot
// have a cycle (proxy → routing → keys/providers → gateways → auth, never back).
const MODULE_LAYERS = [
  ['events', 'redis', 'models', 'web', 'docs', 'tracing'],
  ['config-broadcast'],
  ['auth'],
  ['teams'],
  ['gateways', 'sso', 'limits'],
  ['keys', 'providers', 'analytics', 'responses', 'audit', 'admin', 'wire'],
  ['routing', 'health'],
  ['proxy', 'metrics'],
  ['mcp'],
];
/** @type {import('eslint').Linter.Config[]} */
const moduleLayerRules = MODULE_LAYERS.flatMap((layer, rank) =>
  layer.map((name) => {
    const forbidden = MODULE_LAYERS.slice(rank)
      .flat()
      .filter((other) => other !== name);
    return {
      files: [`apps/api/src/modules/${name}/**/*.ts`],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              {
                regex: `^(\\.\\./)+(modules/)?(${forbidden.join('|')})(/|$)`,
                message: `modules/${name} sits below these modules in the layering (eslint.config.mjs MODULE_LAYERS): depend the other way, or announce a change with GatewayEvents.`,
              },
            ],
          },
        ],
      },
    };
  }),
);

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/*.js',
      '**/__golden__/**',
      '**/test-results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { disallowTypeAnnotations: false, fixStyle: 'inline-type-imports' },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    // Project boundaries by the Nx tags in each package.json: shared libraries never depend on an app.
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          depConstraints: [
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:app', onlyDependOnLibsWithTags: ['scope:shared', 'scope:app'] },
            { sourceTag: 'scope:tools', onlyDependOnLibsWithTags: ['*'] },
          ],
          // The CLI's tests drive the real API, started in-process with the api's own test support.
          allow: ['../../api/test/support/*', '../../api/src/server'],
        },
      ],
    },
  },
  {
    files: ['libs/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@nestjs/*', '**/apps/**'] }],
    },
  },
  {
    // Scripts, benchmarks and checks (`bench/`, `tools/`, `deploy/`, `libs/*/scripts/`, configs): plain
    // ES modules run by Node. The TypeScript rules above that need type information stay off here.
    files: ['**/*.mjs'],
    languageOptions: { sourceType: 'module', globals: NODE_GLOBALS },
    rules: {
      // `const { host, ...rest } = headers` is how a script drops keys.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  ...moduleLayerRules,
);
