/** A failure to read a file at all, with a stable code and both languages. */
export class ImportError extends Error {
  constructor(
    readonly code: 'FORMAT_UNSUPPORTED' | 'NO_YEAR' | 'EMPTY' | 'TOO_LARGE' | 'TOO_DEEP' | 'ARCHIVE_TOO_LARGE',
    readonly zh: string,
    readonly en: string,
  ) {
    super(en)
  }
}
