// The 文字版 and the validation badge, without the 图解 and its chart code, for pages that
// load the infographic only on request.
export { default as ReportText } from './ReportText.vue'
export { default as ValidationBadge } from './ValidationBadge.vue'
export { cellDisplay, type CellDisplay } from './cell-display.ts'
export { MESSAGES, msg, type Locale } from './messages.ts'
export { bodyLines, headerRows, type BodyLine, type HeaderCell } from './table-layout.ts'
export { infographicFileName } from './titles.ts'
