import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';
import drizzle from 'eslint-plugin-drizzle';

const dbImports = {
  patterns: [
    {
      group: ['@/db', '@/db/*', 'drizzle-orm', 'drizzle-orm/*', 'postgres', '**/db/client', '**/db/schema'],
      message: 'Only lib/data/** reaches the database (the data-access layer is the only door).',
    },
  ],
};

const config = [
  { ignores: ['.next/**', 'node_modules/**', '.data/**', 'next-env.d.ts', 'db/migrations/**', 'test-results/**', 'playwright-report/**'] },
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  // The database is reached from lib/data only (plus db/ itself, scripts, tests and benchmarks).
  {
    files: ['app/**', 'components/**', 'lib/**', 'proxy.ts', 'instrumentation.ts'],
    ignores: ['lib/data/**'],
    rules: { 'no-restricted-imports': ['error', dbImports] },
  },
  // Client components never pull in the server data layer.
  {
    files: ['components/**/*.tsx', 'app/**/_components/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...dbImports.patterns, { group: ['@/lib/data', '@/lib/data/*'], message: 'Client code calls actions or the API.' }] },
      ],
    },
  },
  // db/ runs before the app (bootstrap, seed): from lib it takes only the pure catalogues in
  // lib/config, which import nothing outside lib/config themselves.
  {
    files: ['db/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/lib/*', '!**/lib/config', '@/lib/*', '!@/lib/config'], message: 'db/ imports only lib/config (leaf modules).' }] },
      ],
    },
  },
  {
    files: ['lib/config/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@/*', '../*', '!../config'], message: 'lib/config is a leaf: it imports only lib/config.' }] },
      ],
    },
  },
  // Playwright fixtures take a `use` callback that is not React's hook.
  { files: ['e2e/**'], rules: { 'react-hooks/rules-of-hooks': 'off' } },
  {
    files: ['lib/data/**', 'db/**'],
    plugins: { drizzle },
    rules: {
      'drizzle/enforce-delete-with-where': ['error', { drizzleObjectName: ['db', 'tx'] }],
      'drizzle/enforce-update-with-where': ['error', { drizzleObjectName: ['db', 'tx'] }],
    },
  },
];

export default config;
