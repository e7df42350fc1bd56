// Downloads made in the page: a chart's SVG as drawn, and a table as CSV (UTF-8 with a BOM, so
// Excel and WPS read the Chinese text).

function save(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1_000)
}

export function downloadSvg(figure: Element | null, name: string) {
  const svg = figure?.querySelector('svg[role="img"]')
  if (!svg) return
  const copy = svg.cloneNode(true) as SVGElement
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg')
  const style = getComputedStyle(svg)
  copy.setAttribute('style', `font-family:${style.fontFamily};font-size:${style.fontSize};color:${style.color};background:#fff`)
  save(new Blob([`<?xml version="1.0" encoding="utf-8"?>\n${copy.outerHTML}`], { type: 'image/svg+xml' }), name)
}

export function csvText(rows: ReadonlyArray<ReadonlyArray<string | number | null>>): string {
  const field = (v: string | number | null) => {
    const s = v === null ? '' : String(v)
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
  }
  return '\uFEFF' + rows.map((r) => r.map(field).join(',')).join('\r\n') + '\r\n'
}

export function downloadCsv(rows: ReadonlyArray<ReadonlyArray<string | number | null>>, name: string) {
  save(new Blob([csvText(rows)], { type: 'text/csv;charset=utf-8' }), name)
}

/**
 * A ranking as CSV: every group, not only those shown (the rest fetched first, a page at a time):
 * rank, name, code, value and unit, under the headers given in the reader's language.
 */
export async function downloadRanking<G extends { rank: number | null; key: string; value: number | null; agency?: { code: string } }>(
  ranking: { shown: readonly G[]; total: number; page: (offset: number) => Promise<readonly G[]> },
  headers: { rank: string; agency: string; value: string },
  label: (g: G) => string,
  unit: string,
  name: string,
) {
  const groups = [...ranking.shown]
  while (groups.length < ranking.total) {
    const next = await ranking.page(groups.length)
    if (next.length === 0) break
    groups.push(...next)
  }
  const rows: Array<Array<string | number | null>> = [[headers.rank, headers.agency, 'code', headers.value, 'unit']]
  for (const g of groups) rows.push([g.rank, label(g), g.agency?.code ?? g.key, g.value, unit])
  downloadCsv(rows, name)
}
