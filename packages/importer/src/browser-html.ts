import { defaultTreeAdapter, parse, serialize, type DefaultTreeAdapterMap, type TreeAdapter } from 'parse5'
import { ImportError } from './errors.ts'

// A page is read as the agency's browser showed it. Portal HTML is often not well formed: a CMS
// leaves a <span> or a <font> open inside a cell, closes a </tbody> it never opened, or leaves
// <td>, <tr> and <p> to be closed by the next one, as HTML allows. A browser builds the same
// tables from all of these (the HTML standard's tree construction). node-html-parser does not: a
// stray close tag or an open <span> in a cell dropped every table of the page, and the import
// said "原文未提供" for tables on screen. parse5 implements the standard, so the page is first
// built by it and written back as well-formed HTML, which node-html-parser then reads as it is.

/** Far deeper than any real report page (a CMS page nests a few dozen elements), far shallower than the stack. */
export const MAX_DEPTH = 500

/** Elements in a page: a long Word-saved report holds some tens of thousands (a span per run). */
export const MAX_ELEMENTS = 200_000
/** Tables in a page: a report prints a few dozen at most, a year's page of reports some hundreds. */
export const MAX_TABLES = 2_000

type Node = DefaultTreeAdapterMap['node']
type ParentNode = DefaultTreeAdapterMap['parentNode']

function tooDeep(): ImportError {
  return new ImportError(
    'TOO_DEEP',
    `网页的标签嵌套超过 ${MAX_DEPTH} 层，无法读取（正常的报告页面只有几十层）`,
    `The page nests its tags more than ${MAX_DEPTH} deep and cannot be read (a real report page nests a few dozen)`,
  )
}

function tooMany(zh: string, en: string): ImportError {
  return new ImportError(
    'TOO_LARGE',
    `网页含有超过 ${zh}，不像一份报告，未读取`,
    `The page holds more than ${en}, more than any report; not read`,
  )
}

/**
 * The standard's tree builder, stopped as soon as an element is placed deeper than MAX_DEPTH, or
 * the page has more elements or tables than any report.
 * Building is iterative, but each tag looks through the elements still open, so 200,000 nested
 * tables would take minutes, and writing the tree back recurses once per level.
 */
function boundedAdapter(): TreeAdapter<DefaultTreeAdapterMap> {
  const depth = new WeakMap<Node, number>()
  let elements = 0
  let tables = 0
  const place = (parent: ParentNode, node: Node) => {
    const d = (depth.get(parent) ?? 0) + 1
    if (d > MAX_DEPTH) throw tooDeep()
    depth.set(node, d)
  }
  const count = (node: Node) => {
    if (!('tagName' in node)) return
    if (++elements > MAX_ELEMENTS)
      throw tooMany(`${MAX_ELEMENTS.toLocaleString('en')} 个元素`, `${MAX_ELEMENTS.toLocaleString('en')} elements`)
    if (node.tagName === 'table' && ++tables > MAX_TABLES)
      throw tooMany(`${MAX_TABLES.toLocaleString('en')} 个表格`, `${MAX_TABLES.toLocaleString('en')} tables`)
  }
  return {
    ...defaultTreeAdapter,
    createElement(tagName, namespaceURI, attrs) {
      const element = defaultTreeAdapter.createElement(tagName, namespaceURI, attrs)
      count(element)
      return element
    },
    appendChild(parent, node) {
      place(parent, node)
      defaultTreeAdapter.appendChild(parent, node)
    },
    insertBefore(parent, node, reference) {
      place(parent, node)
      defaultTreeAdapter.insertBefore(parent, node, reference)
    },
  }
}

/**
 * How deep a built tree nests, walked without recursion (a node moved while building may sit
 * deeper than placed). On the way, what a browser never shows is emptied: a script's text may
 * hold "</script>" (inside "<!--"), which node-html-parser would take for the script's end.
 */
function treeDepth(root: Node): number {
  let deepest = 0
  const stack: Array<[Node, number]> = [[root, 0]]
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [node, d] = top
    deepest = Math.max(deepest, d)
    if (d > MAX_DEPTH) break
    if ('tagName' in node && UNSHOWN.has(node.tagName)) {
      node.childNodes = []
      if ('content' in node) node.content.childNodes = []
      continue
    }
    if ('childNodes' in node) for (const child of node.childNodes) stack.push([child, d + 1])
  }
  return deepest
}

const UNSHOWN = new Set(['script', 'noscript', 'template'])

/** The page as a browser builds it, written back as well-formed HTML; TOO_DEEP past MAX_DEPTH. */
export function asBrowserBuildsIt(html: string): string {
  const document = parse(html, { treeAdapter: boundedAdapter() })
  if (treeDepth(document) > MAX_DEPTH) throw tooDeep()
  return serialize(document)
}
