// What the filter forms of the pages across reports share: the years offered, and the query a form gives.

/** The last year whose reports are due; the years offered run from the next one back to 2019. */
export const LAST_YEAR = new Date().getFullYear() - 1
export const YEARS = Array.from({ length: LAST_YEAR - 2019 + 2 }, (_, i) => LAST_YEAR + 1 - i)
export const LEVELS = ['national', 'province', 'city', 'county', 'township'] as const
export const KINDS = ['government', 'department'] as const

/** The filled fields of a form, as a URL query (an empty field is left out, so it means "all"). */
export function filledQuery(form: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(form).filter(([, v]) => v !== ''))
}
