import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { corpusEntry, measureChanged } from '../test/corpus.ts'
import { importReport } from './index.ts'

// Real reports' text as other tools and CMSs hand it over: the same cells, read whole, or refused
// by name; never a cell moved to another column.
const whole = (r: Awaited<ReturnType<typeof measureChanged>>) => ({
  right: r.right,
  wrong: [...r.wrong, ...r.wrongExtras],
  missing: r.missing,
})

describe('real report text, written otherwise', () => {
  const texts = [
    'pingtan-zone-2022',
    'shanghai-gov-office-2019.browser-copy',
    'hongze-district-2024.pdftotext-raw',
    'p-gaoling-xzspfwj-2021',
  ]

  for (const name of texts) {
    const entry = corpusEntry(name)

    it(`${name}: zero-width spaces between the characters (a CMS's &#8203;) change nothing`, async () => {
      const r = await measureChanged(entry, (t) =>
        t.replace(/([\u4e00-\u9fff])([\u4e00-\u9fff])/g, '$1\u200b$2').replace('一、', '一、&#8203;'),
      )
      expect(whole(r)).toEqual({ right: r.expectedCells, wrong: [], missing: [] })
    })

    it(`${name}: digits typed full-width (７１３) are read as the numbers they are`, async () => {
      const r = await measureChanged(entry, (t) => t.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)))
      expect(whole(r)).toEqual({ right: r.expectedCells, wrong: [], missing: [] })
    })

    it(`${name}: every line break doubled (a blank line after each line) changes nothing`, async () => {
      const r = await measureChanged(entry, (t) => t.replace(/\n/g, '\n\n'))
      expect(whole(r)).toEqual({ right: r.expectedCells, wrong: [], missing: [] })
    })
  }
})

describe('real report text in another encoding', () => {
  it('reads UTF-16 saved without a byte-order mark, though 一 (U+4E00) puts zeros on the other side', async () => {
    const entry = corpusEntry('shanghai-gov-office-2019.browser-copy')
    const text = readFileSync(join(entry.dir, entry.document), 'utf8')
    const le = new Uint8Array(text.length * 2)
    for (let i = 0; i < text.length; i++) {
      le[2 * i] = text.charCodeAt(i) & 0xff
      le[2 * i + 1] = text.charCodeAt(i) >> 8
    }
    const be = le.map((_, i) => le[i % 2 ? i - 1 : i + 1] ?? 0)
    const utf8 = await importReport(text)
    for (const bytes of [le, be]) {
      const { document } = await importReport(bytes)
      expect(document.tables).toEqual(utf8.document.tables)
    }
  })
})
