import { toCells } from './cells.ts'
import { cellsCsv } from './cells-csv.ts'
import type { ReportDocument } from './document.ts'
import { officialCsv } from './official-csv.ts'

// Downloads: every format generated from the report document alone.

export const EXPORT_FORMATS = ['official-csv', 'cells-csv', 'cells-json', 'json'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

export const EXPORT_MEDIA: Record<ExportFormat, { type: string; extension: string }> = {
  'official-csv': { type: 'text/csv; charset=utf-8', extension: 'csv' },
  'cells-csv': { type: 'text/csv; charset=utf-8', extension: 'cells.csv' },
  'cells-json': { type: 'application/json; charset=utf-8', extension: 'cells.json' },
  json: { type: 'application/json; charset=utf-8', extension: 'json' },
}

export function exportReport(doc: ReportDocument, format: ExportFormat): string {
  switch (format) {
    case 'official-csv':
      return officialCsv(doc)
    case 'cells-csv':
      return cellsCsv(doc)
    case 'cells-json':
      return JSON.stringify(toCells(doc), null, 2) + '\n'
    case 'json':
      return JSON.stringify(doc, null, 2) + '\n'
  }
}
