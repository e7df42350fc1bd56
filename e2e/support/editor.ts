import type { Page } from '@playwright/test'

// Table 三 (2019 layout, 23 data rows × 7 columns) as copied from a spreadsheet: consistent.
export const rows3 = (newNatural: number, newTotal: number) => {
  const r = (...v: number[]) => [...v, 0, 0, 0, 0, 0, 0].slice(0, 6).concat([v.reduce((s, x) => s + x, 0)])
  const z = () => [0, 0, 0, 0, 0, 0, 0]
  const lines = [
    [newNatural, 2, 0, 0, 0, 0, newTotal], // 一、本年新收
    r(1), // 二、上年结转
    r(3, 1), // （一）予以公开
    z(), // （二）部分公开
    ...Array.from({ length: 8 }, z), // （三）1–8
    r(2, 1), // （四）1.本机关不掌握
    z(),
    z(),
    ...Array.from({ length: 5 }, z), // （五）1–5
    z(), // （六）其他处理
    r(5, 2), // （七）总计
    r(1), // 四、结转下年度
  ]
  return lines.map((l) => l.join('\t')).join('\n')
}

export async function paste(page: Page, cell: string, text: string) {
  await page.locator(`[data-cell="${cell}"]`).evaluate((el, t) => {
    const data = new DataTransfer()
    data.setData('text/plain', t)
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))
  }, text)
}
