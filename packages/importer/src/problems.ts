// Everything the importer could not read, or read with doubt, is a problem with a stable code
// and a message in Chinese and English. Nothing is ever filled in to hide one.

export type ImportProblemCode =
  | 'PART_MISSING'
  | 'TABLE_MISSING'
  | 'AGENCY_UNCONFIRMED'
  | 'TEMPLATE_FROM_YEAR'
  | 'TEMPLATE_FROM_LABELS'
  | 'TEMPLATE_MIXED'
  | 'COLUMNS_MISALIGNED'
  | 'CELL_UNREADABLE'
  | 'LABEL_FUZZY'
  | 'LABEL_UNKNOWN'
  | 'COLUMN_UNKNOWN'
  | 'HEADER_UNREADABLE'
  | 'TRADITIONAL_CONVERTED'
  | 'FORMAT_DETECTED'
  | 'ENCODING_CONVERTED'
  | 'TEXT_DAMAGED'
  | 'CELLS_RUN_TOGETHER'
  | 'ROW_UNREADABLE'
  | 'CELL_AMBIGUOUS'
  | 'TABLE_UNREADABLE'
  | 'TABLE_AS_IMAGE'
  | 'TEXT_GARBLED'
  | 'TABLE_PARTIAL'
  | 'NOT_NATIONAL_FORMAT'
  | 'AGENCY_DIFFERS'
  | 'YEAR_DIFFERS'

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
  TEMPLATE_FROM_LABELS: {
    severity: 'info',
    zh: (p) => `根据表格标签判定为${p.template}年格式（${p.evidence}）`,
    en: (p) => `Template ${p.template} detected from the table labels (${p.evidence})`,
  },
  TEMPLATE_MIXED: {
    severity: 'warning',
    zh: (p) => `表格混用了两种格式：${p.detail}`,
    en: (p) => `The tables mix the two templates: ${p.detail}`,
  },
  COLUMNS_MISALIGNED: {
    severity: 'error',
    zh: (p) =>
      Number(p.found) > Number(p.expected)
        ? `表${p.table}“${p.row}”一行有 ${p.found} 列，应为 ${p.expected} 列（混入了别行的数值）；未赋值，以免错位`
        : `表${p.table}“${p.row}”一行只有 ${p.found} 列，应为 ${p.expected} 列（空白单元格可能被丢弃）；未赋值，以免错位`,
    en: (p) =>
      Number(p.found) > Number(p.expected)
        ? `Table ${p.table}, row "${p.row}": ${p.found} columns where ${p.expected} are expected (another row's values ran into it); not assigned, to avoid shifting values`
        : `Table ${p.table}, row "${p.row}": ${p.found} columns where ${p.expected} are expected (blank cells were probably dropped); not assigned, to avoid shifting values`,
  },
  CELL_UNREADABLE: {
    severity: 'error',
    zh: (p) => `第${p.row}行第${p.column}列的“${p.text}”不是数值，未读取`,
    en: (p) => `"${p.text}" at row ${p.row}, column ${p.column} is not a number; not read`,
  },
  LABEL_FUZZY: {
    severity: 'warning',
    zh: (p) => `表${p.table}标签“${p.label}”按近似匹配为“${p.matched}”（置信度 ${p.confidence}）`,
    en: (p) => `Table ${p.table}: label "${p.label}" matched "${p.matched}" approximately (confidence ${p.confidence})`,
  },
  LABEL_UNKNOWN: {
    severity: 'warning',
    zh: (p) => `表${p.table}有模板之外的行“${p.label}”，已按原样保留`,
    en: (p) => `Table ${p.table} has a row "${p.label}" that is not in the template; kept as published`,
  },
  COLUMN_UNKNOWN: {
    severity: 'warning',
    zh: (p) => `表${p.table}“${p.block}”的表头有模板之外的列“${p.column}”，该列数值未读取`,
    en: (p) =>
      `Table ${p.table}, block "${p.block}": the header has a column "${p.column}" that is not in the template; its values were not read`,
  },
  HEADER_UNREADABLE: {
    severity: 'error',
    zh: (p) => `表${p.table}的表头无法识别，未读取数据`,
    en: (p) => `The header of table ${p.table} could not be read; no data read`,
  },
  TRADITIONAL_CONVERTED: {
    severity: 'info',
    zh: () => '原文为繁体字，已转换为简体后识别',
    en: () => 'The source is in Traditional characters; converted to Simplified before reading',
  },
  FORMAT_DETECTED: {
    severity: 'info',
    zh: (p) => `按内容判定文件格式为 ${p.format}`,
    en: (p) => `Format detected from the content: ${p.format}`,
  },
  ENCODING_CONVERTED: {
    severity: 'info',
    zh: (p) => `原文编码为 ${String(p.encoding).toUpperCase()}（非 UTF-8），已按此编码读取`,
    en: (p) => `The source is encoded in ${String(p.encoding).toUpperCase()} (not UTF-8) and was read as such`,
  },
  TEXT_DAMAGED: {
    severity: 'warning',
    zh: (p) => `原文有 ${p.count} 处字节不是有效的 ${String(p.encoding).toUpperCase()} 编码，已显示为 �，请对照原件核对`,
    en: (p) =>
      `${p.count} byte sequence(s) of the source are not valid ${String(p.encoding).toUpperCase()}; shown as �, check them against the original`,
  },
  CELLS_RUN_TOGETHER: {
    severity: 'error',
    zh: (p) =>
      `表${p.table}“${p.row}”一行${p.values ? `只有 ${p.values} 个数值对应 ${p.columns} 列（${p.digits}）：转换时可能丢失了空白单元格，或数字连在一起` : `的数字连在一起（${p.digits}）`}，${p.count === 'many' ? '拆分方式过多' : p.count === 'unchecked' ? '本表没有可核对拆分的勾稽关系' : p.count === 0 ? `没有一种拆分能使表内勾稽关系成立${p.values ? '' : '（原文可能有误）'}` : `按表内勾稽关系有 ${p.count} 种拆分方式`}，无法唯一确定；未读取，请对照原件填写`,
    en: (p) =>
      `Table ${p.table}, row "${p.row}": ${p.values ? `${p.values} values for ${p.columns} columns (${p.digits}): blank cells may have been lost in a conversion, or digits run together,` : `its digits run together (${p.digits})`} and ${p.count === 'many' ? 'there are too many ways to split them' : p.count === 'unchecked' ? 'this table has no identity to check a split against' : p.count === 0 ? `no split makes the table’s identities hold${p.values ? '' : ' (the source may be wrong)'}` : `the table's identities leave ${p.count} ways to split them`}; not read, fill it in from the original`,
  },
  CELL_AMBIGUOUS: {
    severity: 'error',
    zh: (p) => `表${p.table}“${p.row}”一行在“${p.column}”之下有不止一个数值（${p.text}），无法确定哪个属于该列；未读取，请对照原件填写`,
    en: (p) =>
      `Table ${p.table}, row "${p.row}": more than one value (${p.text}) stands under "${p.column}", and which is its own cannot be told; not read, fill it in from the original`,
  },
  ROW_UNREADABLE: {
    severity: 'error',
    zh: (p) => `表${p.table}“${p.row}”一行的数值无法逐列确定（${p.why}）；未读取，以免错位`,
    en: (p) =>
      `Table ${p.table}, row "${p.row}": its values cannot be placed in their columns (${p.why}); not read, to avoid shifting them`,
  },
  TABLE_UNREADABLE: {
    severity: 'error',
    zh: (p) => `表${p.table}的标签在原文中，但数值无法读取；这些单元格标为“未读取”，请对照原件填写（不是“原文未提供”）`,
    en: (p) =>
      `Table ${p.table} is in the source (its labels are there) but its values could not be read; its cells are marked unread: fill them in from the original (this is not "not in the source")`,
  },
  TEXT_GARBLED: {
    severity: 'error',
    zh: (p) =>
      `此 PDF 的文字层有 ${p.count} 个字符无法识别（字体缺少 Unicode 映射，复制出来是乱码）；没有读出的表格标为“未读取”（不是“原文未提供”），请上传 DOCX 或文字可复制的 PDF，或对照原件填写`,
    en: (p) =>
      `${p.count} characters of this PDF's text layer cannot be read (its fonts lack a Unicode map; copied text is garbled); tables not read are marked unread (not "not in the source"): upload a DOCX or a PDF whose text copies, or fill them in from the original`,
  },
  TABLE_AS_IMAGE: {
    severity: 'error',
    zh: (p) => `表${p.table}在原文中是一张图片，没有可读取的文字；单元格标为“未读取”，请对照图片填写（不是“原文未提供”）`,
    en: (p) =>
      `Table ${p.table} is printed as a picture, with no text to read; its cells are marked unread: fill them in from the picture (this is not "not in the source")`,
  },
  TABLE_PARTIAL: {
    severity: 'error',
    zh: (p) => `表${p.table}只读出了一部分：${p.missing} 未读取，已标为“未读取”`,
    en: (p) => `Table ${p.table} was read only in part: ${p.missing} not read, marked unread`,
  },
  NOT_NATIONAL_FORMAT: {
    severity: 'warning',
    zh: (p) => `原文不是 2019 年以来的全国统一格式（${p.year}年报告，没有统计表标签）；已保留正文，未生成表格`,
    en: (p) =>
      `The source is not in the national format used since 2019 (a ${p.year} report with no table labels); the prose is kept and no table is made up`,
  },
  AGENCY_DIFFERS: {
    severity: 'error',
    zh: (p) => `原文的机关“${p.found}”与所选机关“${p.chosen}”不同`,
    en: (p) => `The source names the agency "${p.found}", not the chosen "${p.chosen}"`,
  },
  YEAR_DIFFERS: {
    severity: 'error',
    zh: (p) => `原文是 ${p.found} 年的报告，与所选年度 ${p.chosen} 不同`,
    en: (p) => `The source is the report for ${p.found}, not the chosen year ${p.chosen}`,
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
