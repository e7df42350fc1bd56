// The reader's first screen, sent with its page. A cold visit of the home page or of a report used
// to wait for three trips one after the other: the page, then the page's script (which asks for the
// page's own chunk), then the API answer that chunk asks for. Here the Node server puts that answer
// in the page (a JSON data block, which no script policy runs) and names the page's chunks with
// <link rel="modulepreload">, so the first paint can show the whole first screen. The reader uses the
// block once, for the same path it would have asked the API for (src/api.ts); anything else (the edge,
// a page served offline by the service worker, a failed answer) leaves the page as it was, and the
// reader asks the API itself.

/** The reader's build manifest (Vite's `.vite/manifest.json`), as far as it is read here. */
export type BuildManifest = Record<string, { file: string; imports?: string[] }>

/** The element id the reader reads the answer from, and the attribute naming its API path. */
export const FIRST_SCREEN_ID = 'gk-first'

interface FirstScreen {
  /** The API path the page asks for first, exactly as the reader writes it. */
  api: string
  /** The page's source module, a key of the build manifest. */
  page: string
}

/** What the first screen of a reader path needs, for the two pages a cold visit usually opens. */
export function firstScreenOf(pathname: string): FirstScreen | null {
  if (pathname === '/') return { api: '/api/reports?sort=recent&limit=10', page: 'src/pages/HomePage.vue' }
  const m = /^\/reports\/([^/]+)$/.exec(pathname)
  if (!m?.[1]) return null
  let id: string
  try {
    id = decodeURIComponent(m[1])
  } catch {
    return null
  }
  return { api: `/api/reports/${encodeURIComponent(id)}`, page: 'src/pages/ReportPage.vue' }
}

/** The files a page's chunk imports (not the entry, which the page already loads), itself first. */
function chunkFiles(manifest: BuildManifest, key: string): string[] {
  const out: string[] = []
  const visit = (k: string) => {
    const chunk = manifest[k]
    if (!chunk || k === 'index.html' || out.includes(chunk.file)) return
    out.push(chunk.file)
    for (const i of chunk.imports ?? []) visit(i)
  }
  visit(key)
  return out
}

/** JSON inside <script>: `<` escaped, so no `</script>` or `<!--` in the data can end the block. */
const scriptSafe = (json: string) => json.replace(/</g, '\\u003c')

/**
 * The page with the first screen's chunks preloaded and, when the API answered 200 with JSON, that
 * answer. `json` is the API's body as it would have been sent.
 */
export function withFirstScreen(html: string, screen: FirstScreen, manifest: BuildManifest | null, json: string | null): string {
  const preloads = manifest
    ? chunkFiles(manifest, screen.page)
        .map((f) => `<link rel="modulepreload" crossorigin href="/${f}">`)
        .join('')
    : ''
  const data =
    json === null
      ? ''
      : `<script type="application/json" id="${FIRST_SCREEN_ID}" data-path="${screen.api.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}">${scriptSafe(json)}</script>`
  return html.replace('</head>', `${preloads}</head>`).replace('</body>', `${data}</body>`)
}
