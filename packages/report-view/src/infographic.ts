export { default as ReportInfographic } from './ReportInfographic.vue'
export { datum, infographicModel, total, type Figure, type InfographicModel, type ModelOptions } from './figures.ts'
export { plainSummary, summaryParts } from './summary.ts'
export { TU, infographicFileName, say, type Bilingual } from './titles.ts'
