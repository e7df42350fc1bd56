// Text files bundled as strings by the edge build (wrangler's default Text rule for *.txt).
declare module '*.txt' {
  const text: string
  export default text
}

declare module 'word-extractor' {
  interface ExtractedDocument {
    getBody(): string
  }
  export default class WordExtractor {
    extract(source: string | Buffer): Promise<ExtractedDocument>
  }
}
