import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

// Node only: the real seed report's text, read from the importer's fixture.
export function seedText(): string {
  const url = import.meta.resolve('@gongkai/importer/fixtures/seed-hangzhou-spb-2020.txt')
  return readFileSync(fileURLToPath(url), 'utf8')
}
