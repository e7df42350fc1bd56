export { importText, cleanText, findPartHeadings, proseBlocks, type ImportOptions, type ImportResult } from './text.ts'
export { extractKeyFigures } from './key-figures.ts'
export type { ImportProblem, ImportProblemCode } from './problems.ts'
