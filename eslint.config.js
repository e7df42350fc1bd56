// One flat config for the whole monorepo; each package runs `eslint .` and finds this file.
import js from '@eslint/js'
import vue from 'eslint-plugin-vue'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.turbo/**', '**/artifacts/**', '**/.test-results/**', '.tools/**', 'data/**', '**/.wrangler/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
  },
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-explicit-any': ['error', { ignoreRestArgs: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/no-v-html': 'error',
      'no-restricted-syntax': ['error', { selector: 'CallExpression[callee.property.name="only"]', message: 'No .only in committed tests.' }],
    },
  },
  {
    // Tests read JSON bodies loosely; the assertions are what check their shape.
    files: ['**/*.test.ts', '**/test/**/*.ts', 'e2e/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Migrations are typed on Kysely<any> on purpose: they are frozen in time.
    files: ['apps/api/src/db/migrations/**', 'apps/api/src/db/migrator.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The shared app must run on the edge runtime too: nothing Node-only in it. Only the Node
    // entry points (listed in `ignores`) may reach for Node's modules or native drivers.
    // The packages the app imports are held to the same rule.
    files: ['apps/api/src/**/*.ts', 'packages/{schema,importer,report-view,charts}/src/**/*.ts'],
    ignores: [
      'apps/api/src/{node,cli,cli-args,cli-server,cli-report,cli-import,env,seed-text,import-thread,import-worker,legacy-word,supervisor}.ts',
      'apps/api/src/db/connect.ts',
      '**/*.test.ts',
      '**/test/**',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^node:', message: 'app code runs on the edge too: no node: modules' },
            { regex: '^(fs|path|os|crypto|child_process|better-sqlite3|pg|@hono/node-server)(/.*)?$', message: 'Node-only module in edge-safe code' },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'Buffer', message: 'Buffer is Node-only; use Uint8Array' }, { name: 'process', message: 'read the environment in env.ts' }],
    },
  },
)
