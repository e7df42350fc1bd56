// Text files bundled as strings by the edge build (wrangler's default Text rule for *.txt).
declare module '*.txt' {
  const text: string
  export default text
}
