// Bundles the Node entry and the CLI. Workspace packages (TypeScript source) are compiled in;
// npm dependencies stay external and load from node_modules.
import { build } from 'esbuild'

const keepExternal = {
  name: 'external-npm-deps',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('@gongkai/')) return undefined
      return { path: args.path, external: true }
    })
  },
}

await build({
  entryPoints: ['src/cli.ts'],
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  plugins: [keepExternal],
  banner: { js: '#!/usr/bin/env node' },
  logLevel: 'warning',
})
