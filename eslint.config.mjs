import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import dependencyRules from './tools/lint/dependency-rules.mjs';
import { KNOWN_FEATURE_CYCLES } from './tools/lint/known-feature-cycles.mjs';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.hearth/**',
      'coverage/**',
      'bench-results/**',
      'tools/lint/fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'CallExpression[callee.object.name=/^(it|describe|test)$/][callee.property.name=/^(skip|only|todo)$/]',
          message: 'No skipped or focused tests.',
        },
      ],
    },
  },
  // Which part of the repo may import which: docs/adr/0021-dependency-rules.md.
  {
    files: ['**/*.ts', '**/*.mjs', '**/*.js'],
    plugins: { hearth: dependencyRules },
    rules: {
      'hearth/boundaries': ['error', { composers: ['standalone', 'migrate', 'bench'] }],
      'hearth/no-feature-cycles': ['error', { known: KNOWN_FEATURE_CYCLES }],
    },
  },
  // A LERO's id becomes a `TenantId` only at a service's gate (docs/adr/0026-one-shape-for-every-service.md): the
  // cast is the gate's alone, and a test takes `testTenantId` from @hearth/testing.
  {
    files: ['apps/**/*.ts', 'bench/**/*.ts'],
    ignores: ['apps/*/src/*-access.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@hearth/persistence',
              importNames: ['asTenantId', 'asRegionId'],
              message:
                "A TenantId or RegionId comes from the service's gate (<svc>-access.ts), or in a test from testTenantId / testRegionId (@hearth/testing).",
            },
          ],
        },
      ],
    },
  },
);
