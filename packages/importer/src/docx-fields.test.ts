import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { CORPUS_DIRS, corpusEntries, measure } from '../test/corpus.ts'
import { withSimpleFieldsShown } from './docx-fields.ts'
import { importReport } from './index.ts'

// A town's 2020 report, made as Word makes it (corpus/generated), its figures then put in fields.
const town = corpusEntries(CORPUS_DIRS).find((e) => e.name === 'sample-town-2020-ruled.docx')
if (!town) throw new Error('the corpus holds the town report as a DOCX')
const original = new Uint8Array(readFileSync(join(town.dir, town.document)))
const files = unzipSync(original)
const xml = strFromU8(files['word/document.xml'] ?? new Uint8Array())

/** Each run that shows a number, wrapped as Word keeps a formula's result: in a simple field. */
const NUMBER_RUN = /<w:r>(?:<w:rPr>(?:(?!<\/w:r>).)*?<\/w:rPr>)?<w:t(?: xml:space="preserve")?>\d+<\/w:t><\/w:r>/g
const docxWith = (documentXml: string) => zipSync({ ...files, 'word/document.xml': strToU8(documentXml) })

describe('Word fields in a DOCX', () => {
  it('reads every figure Word keeps in a formula field (=SUM(LEFT), IF a > b) as the number shown, never blank', async () => {
    const fielded = xml.replace(NUMBER_RUN, (run) => `<w:fldSimple w:instr=" IF 1 > 0 =SUM(LEFT) " w:dirty="false">${run}</w:fldSimple>`)
    expect(fielded).not.toBe(xml)
    const { document } = await importReport(docxWith(fielded), { filename: 'fields.docx' })
    // Exactly the cells of the report without fields, which reads whole (the corpus measures it).
    const plain = await importReport(original, { filename: 'plain.docx' })
    expect(document.tables).toEqual(plain.document.tables)
    expect((await measure(town)).missing).toEqual([])
  })

  it('shows nothing for a self-closing field, and keeps the text around it', async () => {
    const out = strFromU8(
      unzipSync(
        withSimpleFieldsShown(
          docxWith(xml.replace('<w:body>', '<w:body><w:p><w:fldSimple w:instr=" PAGE "/><w:r><w:t>前言</w:t></w:r></w:p>')),
        ),
      )['word/document.xml'] ?? new Uint8Array(),
    )
    expect(out).toContain('<w:body><w:p><w:r><w:t>前言</w:t></w:r></w:p>')
    expect(out).not.toContain('fldSimple')
  })

  it('leaves a DOCX without simple fields as it is, byte for byte', () => {
    expect(withSimpleFieldsShown(original)).toBe(original)
  })
})
