import { parse, type HTMLElement } from 'node-html-parser'
import type { Word } from './pdf.ts'
import { PAGE_NUMBER } from './tokens.ts'

// A PDF converted to HTML by a tool that keeps the page layout (poppler's pdftohtml, mutool's
// `-F html`): every run of text is an element placed with `top` and `left`, pages are <div>s.
// Read in reading order, a table's rows lose their blank cells and page footers land between
// rows; read by position, as the PDF itself is, a blank stays a column with no text. The
// positions are the converter's; a run's width is not given, so it is measured from its font
// size (a Chinese character one em, a digit about half).

const POSITIONED =
  /(?:^|;)\s*top:\s*(-?[\d.]+)(px|pt)?\s*;[\s\S]*?left:\s*(-?[\d.]+)|(?:^|;)\s*left:\s*(-?[\d.]+)(px|pt)?\s*;[\s\S]*?top:\s*(-?[\d.]+)/i

function fontSizes(html: string): Map<string, number> {
  // Read from the markup itself: pdftohtml writes its class rules inside <!-- --> in <style>.
  const sizes = new Map<string, number>()
  for (const [, name, size] of html.matchAll(/\.([\w-]+)\s*\{[^}]*?font-size:\s*([\d.]+)/g)) if (name) sizes.set(name, Number(size))
  return sizes
}

const LINE_HEIGHT = 1.4

/**
 * The words of one printed line. Cells of a row parted by spaces ("6  2  41") are words placed in
 * turn, and a number printed against a label ("行政规范性文件6") is a word of its own. Two
 * numbers in one run cannot be placed apart (its spaces give no position): the run stays one
 * word, which no column takes, so its row is refused rather than guessed.
 */
function lineWords(text: string, left: number, y: number, size: number): Word[] {
  const pieces = text.split(/(\s+)/)
  if (pieces.filter((p) => /^[\d,.]+$/.test(p)).length >= 2) return [{ text, x: left, x2: left + em(text) * size, y, h: size }]
  const out: Word[] = []
  let x = left
  for (const piece of pieces) {
    if (piece.trim()) {
      let at = x
      for (const part of piece.split(/(?<=[\u3400-\u9fff）)])(?=\d)/u)) {
        out.push({ text: part, x: at, x2: at + em(part) * size, y, h: size })
        at += em(part) * size
      }
    }
    x += em(piece) * size
  }
  return out
}

const em = (t: string) => [...t].reduce((s, ch) => s + (/[\u2e80-\uffef]/u.test(ch) ? 1 : 0.55), 0)

/**
 * The words of a positioned-text page, top-down across pages; null when the page is not one
 * (fewer than 40 placed runs).
 */
export function positionedWords(root: HTMLElement, html: string): Word[] | null {
  // Each placed element with its position, as its style gives it.
  const placed = root.querySelectorAll('[style]').flatMap((e) => {
    const style = e.getAttribute('style') ?? ''
    const m = /position:\s*absolute|^\s*top:/i.test(style) ? POSITIONED.exec(style) : null
    return m ? [{ e, m }] : []
  })
  // Only the innermost placed elements carry text of their own.
  const runs = placed.filter(({ e }) => !e.querySelector('[style*="top"]'))
  const [first] = runs
  if (!first || runs.length < 40) return null
  const sizes = fontSizes(html)
  // Points, as the PDF reading's tolerances are: pdftohtml draws at 1.5 pixels a point (its
  // default zoom), other tools' CSS pixels are three quarters of a point.
  const unit = /(?:top|left):\s*-?[\d.]+pt/i.test(first.e.getAttribute('style') ?? '')
    ? 1
    : /content="pdftohtml/i.test(html)
      ? 1 / 1.5
      : 0.75
  const pages = new Map<HTMLElement, { n: number; height: number }>()
  let offset = 0
  const pageOf = (e: HTMLElement) => {
    let p: HTMLElement | null = e.parentNode as HTMLElement | null
    while (p && !/^page\d+/i.test(p.id ?? '')) p = p.parentNode as HTMLElement | null
    return p
  }
  const words: Word[] = []
  for (const { e, m } of runs) {
    if (!e.textContent.trim()) continue
    const top = Number(m[1] ?? m[6]) * unit
    const left = Number(m[3] ?? m[4]) * unit
    const size =
      (Number(/font-size:\s*([\d.]+)/.exec(e.querySelector('[style*="font-size"]')?.getAttribute('style') ?? '')?.[1]) ||
        Number(/font-size:\s*([\d.]+)/.exec(e.getAttribute('style') ?? '')?.[1]) ||
        sizes.get((e.getAttribute('class') ?? '').split(/\s+/)[0] ?? '') ||
        16) * unit
    const page = pageOf(e)
    let at = 0
    let n = 1
    if (page) {
      let info = pages.get(page)
      if (!info) {
        const height = (Number(/height:\s*([\d.]+)/.exec(page.getAttribute('style') ?? '')?.[1]) || 2000) * unit
        info = { n: pages.size + 1, height: offset }
        pages.set(page, info)
        offset += height + 20
      }
      at = info.height
      n = info.n
    }
    // A run of several lines (pdftohtml puts a wrapped cell's lines in one <p>, parted by <br>):
    // each line below the one before, at the line height of its size.
    const parts = /<br\b/i.test(e.innerHTML) ? e.innerHTML.split(/<br\s*\/?>/i).map((h) => parse(h).textContent) : [e.textContent]
    parts.forEach((part, k) => {
      const text = part.replace(/\u00a0/g, ' ').trim()
      const y = top + k * size * LINE_HEIGHT
      if (text) words.push(...lineWords(text, left, at + y, size).map((w) => ({ ...w, page: n, py: y })))
    })
  }
  // Page furniture ("- 2 -", printed as two runs) is no table line.
  const lines = new Map<number, Word[]>()
  for (const w of words) {
    const key = [...lines.keys()].find((y) => Math.abs(y - w.y) < w.h / 2) ?? w.y
    const line = lines.get(key)
    if (line) line.push(w)
    else lines.set(key, [w])
  }
  const furniture = new Set(
    [...lines.values()]
      .filter((ws) =>
        PAGE_NUMBER.test(
          ws
            .sort((a, b) => a.x - b.x)
            .map((w) => w.text)
            .join(' '),
        ),
      )
      .flat(),
  )
  return words.filter((w) => !furniture.has(w))
}
