// One flat config for the whole monorepo; each package runs `eslint .` and finds this file.
import js from '@eslint/js'
import vue from 'eslint-plugin-vue'
import globals from 'globals'
import tseslint from 'typescript-eslint'

// Node's modules and native drivers: not in code that also runs on the edge or in the browser.
const EDGE_SAFE = [
  { regex: '^node:', message: 'this code runs on the edge and in the browser too: no node: modules' },
  {
    regex: '^(fs|path|os|crypto|child_process|worker_threads|better-sqlite3|pg|@hono/node-server)(/.*)?$',
    message: 'Node-only module in edge-safe code',
  },
]
// Packages never import apps, by name or by path.
const NO_APPS = [
  { regex: '^@gongkai/(api|reader|admin)(/.*)?$', message: 'packages never import apps' },
  { regex: '^(\\.\\./)+apps/', message: 'packages never import apps' },
]
// A package is reached through its entry (`exports`), never by a deep path into its sources.
const ENTRY_ONLY = { regex: '^@gongkai/[^/]+/src(/.*)?$', message: 'import a package through its entry, not its src/' }

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/.turbo/**',
      '**/artifacts/**',
      '**/.test-results/**',
      '.tools/**',
      'data/**',
      '**/.wrangler/**',
    ],
  },
  js.configs.recommended,
  // Type-aware rules: each file is checked against the tsconfig.json nearest to it (projectService).
  ...tseslint.configs.recommendedTypeChecked,
  ...vue.configs['flat/recommended'],
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
  },
  {
    files: ['**/*.vue'],
    languageOptions: {
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'], projectService: true, tsconfigRootDir: import.meta.dirname },
    },
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
      'no-restricted-syntax': [
        'error',
        { selector: 'CallExpression[callee.property.name="only"]', message: 'No .only in committed tests.' },
      ],
      // A promise nobody awaits loses its error; a promise where a boolean or void callback is
      // expected is always truthy or never awaited. Both are errors, everywhere.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // Warnings for now, not errors: in .vue files typescript-eslint cannot see the types of
      // imported components and stores (they read as `any`/error types), so these rules flag
      // hundreds of false positives there, and the rest (loose JSON in tests, driver rows) needs
      // case-by-case typing. They stay visible as warnings until they are worked off.
      '@typescript-eslint/no-unsafe-member-access': 'warn',
      '@typescript-eslint/no-unsafe-assignment': 'warn',
      '@typescript-eslint/no-unsafe-call': 'warn',
      '@typescript-eslint/no-unsafe-argument': 'warn',
      '@typescript-eslint/no-unsafe-return': 'warn',
      '@typescript-eslint/no-unsafe-enum-comparison': 'warn',
      '@typescript-eslint/no-redundant-type-constituents': 'warn',
      '@typescript-eslint/no-base-to-string': 'warn',
      '@typescript-eslint/restrict-template-expressions': 'warn',
      '@typescript-eslint/restrict-plus-operands': 'warn',
      '@typescript-eslint/unbound-method': 'warn',
      '@typescript-eslint/only-throw-error': 'warn',
      // Harmless but widespread (about 50 and 25 findings across files other work is editing):
      // warned, to be fixed with `eslint --fix` / by hand once that work has landed.
      '@typescript-eslint/no-unnecessary-type-assertion': 'warn',
      '@typescript-eslint/require-await': 'warn',
      // No `!` outside tests: a value that may be missing is narrowed, defaulted or refused with a
      // clear error where it is read (the tests block below lets tests assert what they have just checked).
      '@typescript-eslint/no-non-null-assertion': 'error',
    },
  },
  {
    // The service worker is checked against its own tsconfig (WebWorker lib), not the app's.
    files: ['apps/reader/src/sw.ts'],
    languageOptions: {
      parserOptions: { projectService: false, project: './apps/reader/tsconfig.sw.json', tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    // Plain JS files (configs, build and start scripts) are linted without type information;
    // scripts/ is type-checked by `tsc -p scripts` (checkJs) instead.
    // The importer's corpus scripts are in no tsconfig (the package's covers src/ only).
    files: ['**/*.{js,mjs,cjs}', '**/vitest.config.ts', '**/vitest.workspace.ts', 'packages/importer/{scripts,corpus}/**/*.ts'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Tests read JSON bodies loosely; the assertions are what check their shape. They may also
    // assert with `!` a value they have just checked.
    files: ['**/*.test.ts', '**/test/**/*.ts', 'e2e/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // Migrations are typed on Kysely<any> on purpose: they are frozen in time.
    files: ['apps/api/src/db/migrations/**', 'apps/api/src/db/migrator.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  // ── Where code may reach (docs/ARCHITECTURE.md, "Package graph"). In a flat config a later
  // block's `no-restricted-imports` replaces an earlier one's for the same file, so each block
  // below lists every pattern that holds for its files.
  {
    // Apps reach packages through their entries only (each package's `exports`), never into src/.
    files: ['apps/**/*.{ts,vue}', 'e2e/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [ENTRY_ONLY] }] },
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
      'no-restricted-imports': ['error', { patterns: [...EDGE_SAFE, ENTRY_ONLY, ...NO_APPS] }],
      'no-restricted-globals': [
        'error',
        { name: 'Buffer', message: 'Buffer is Node-only; use Uint8Array' },
        { name: 'process', message: 'read the environment in env.ts' },
      ],
    },
  },
  {
    // Packages never depend on apps: the graph points one way.
    files: ['packages/**/*.{ts,vue}'],
    ignores: ['packages/{schema,importer,report-view,charts}/src/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: NO_APPS }] },
  },
  {
    // The same for the packages' own sources that the edge block above does not cover (tests, .vue).
    files: ['packages/*/src/**/*.test.ts', 'packages/*/src/**/*.vue'],
    rules: { 'no-restricted-imports': ['error', { patterns: NO_APPS }] },
  },
  {
    // The data model and the importer run anywhere (browser, worker, Node): neither the DOM nor
    // Node, and no Node module even through a dynamic import().
    files: ['packages/{schema,importer}/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'CallExpression[callee.property.name="only"]', message: 'No .only in committed tests.' },
        {
          selector: 'ImportExpression[source.value=/^node:/]',
          message: 'schema and importer run in the browser too: no node: modules, not even through import()',
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'Buffer', message: 'Buffer is Node-only; use Uint8Array' },
        { name: 'process', message: 'no process in portable code' },
        { name: 'window', message: 'no DOM in portable code' },
        { name: 'document', message: 'no DOM in portable code' },
        { name: 'navigator', message: 'no DOM in portable code' },
        { name: 'localStorage', message: 'no DOM in portable code' },
      ],
    },
  },
)
