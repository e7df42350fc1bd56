import { describe, expect, it } from 'vitest'
import { corpusEntry, measureChanged } from '../test/corpus.ts'

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
