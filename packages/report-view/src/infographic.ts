export { default as ReportInfographic } from './ReportInfographic.vue'
export { infographicModel, total, type InfographicModel, type ModelOptions } from './figures.ts'
export { plainSummary } from './summary.ts'
