// Bundles the Node entry and the CLI. Workspace packages (TypeScript source) and the packages
// only they depend on (d3 for the SVG 图解, …) are compiled in; the API's own dependencies
// stay external and load from its node_modules (better-sqlite3 is native, pg is large, and
// pdfjs-dist loads its worker and its optional canvas polyfills relative to its own folder).
import { readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { build } from 'esbuild'

const own = new Set(Object.keys(JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')).dependencies))
const packageName = (spec) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0])

const externals = {
  name: 'external-own-deps',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      const name = packageName(args.path)
      if (args.path.startsWith('node:') || builtinModules.includes(name)) return { path: args.path, external: true }
      if (name.startsWith('@gongkai/') || !own.has(name)) return undefined
      return { path: args.path, external: true }
    })
  },
}

await build({
  // The import worker thread's script sits beside the CLI (import-thread.ts finds it there).
  entryPoints: ['src/cli.ts', 'src/import-worker.ts'],
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  plugins: [externals],
  // Bundled CommonJS packages (mammoth, …) call require(); an ES module has none of its own.
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);",
  },
  logLevel: 'warning',
})
