#!/usr/bin/env node
// The `gongkai` command: runs the built CLI bundle. It is a committed file so that installing the
// workspace can link the command before anything has been built.
import { existsSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'

const bundle = fileURLToPath(new URL('../dist/cli.js', import.meta.url))
if (!existsSync(bundle)) {
  console.error(
    'gongkai: the CLI is not built yet. Run `pnpm --filter @gongkai/api build` (or `pnpm gongkai …` from the repository root, which runs the source).',
  )
  console.error('gongkai：命令行工具尚未构建。请先运行 `pnpm --filter @gongkai/api build`。')
  process.exit(2)
}
await import(pathToFileURL(bundle).href)
