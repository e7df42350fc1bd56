// Everything the importer could not read, or read with doubt, is a problem with a stable code
// and a message in Chinese and English. Nothing is ever filled in to hide one.

export type ImportProblemCode = 'PART_MISSING' | 'TABLE_MISSING' | 'AGENCY_UNCONFIRMED' | 'TEMPLATE_FROM_YEAR'

export interface ImportProblem {
  code: ImportProblemCode
  severity: 'error' | 'warning' | 'info'
  /** Where it applies: a part, a table, or a cell path. */
  where: Record<string, string | number>
  message: { zh: string; en: string }
}

type Params = Record<string, string | number>

const MESSAGES: Record<ImportProblemCode, { severity: ImportProblem['severity']; zh: (p: Params) => string; en: (p: Params) => string }> = {
  PART_MISSING: {
    severity: 'warning',
    zh: (p) => `未找到第${p.part}部分的标题`,
    en: (p) => `The heading of part ${p.part} was not found`,
  },
  TABLE_MISSING: {
    severity: 'warning',
    zh: (p) => `原文未提供表${p.table}（表格缺失，所有单元格记为“未在原文中提供”）`,
    en: (p) => `Table ${p.table} is not in the source; its cells are recorded as not reported`,
  },
  AGENCY_UNCONFIRMED: {
    severity: 'warning',
    zh: (p) => `机关名称“${p.name}”取自原文，尚未核实`,
    en: (p) => `The agency name "${p.name}" was taken from the text and is not confirmed`,
  },
  TEMPLATE_FROM_YEAR: {
    severity: 'info',
    zh: (p) => `原文无表格标签，按年度${p.year}推定为${p.template}年格式`,
    en: (p) => `No table labels in the source; template ${p.template} assumed from the year ${p.year}`,
  },
}

export function problem(code: ImportProblemCode, where: Params): ImportProblem {
  const m = MESSAGES[code]
  return { code, severity: m.severity, where, message: { zh: m.zh(where), en: m.en(where) } }
}
