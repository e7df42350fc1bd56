import type { Block, ReportDocument } from './document.ts'

// Some governments' reports count their departments' applications too (汇总本级政府及所属部门).
// Such a report says so in its preamble or overview; only then is it fair to hold its figures
// against the sum of its departments' own reports.

const CLAIM = /(汇总|包括|包含|含)[^。；\n]{0,30}(所属|各|下属|组成)[^。；\n]{0,12}部门/

const text = (b: Block) => (b.type === 'list' ? b.items.join('\n') : b.text)

/** True when the report says its figures include its departments'. */
export function coversDepartments(doc: Pick<ReportDocument, 'preamble' | 'parts'>): boolean {
  return [...doc.preamble, ...doc.parts['一']].some((b) => CLAIM.test(text(b)))
}
