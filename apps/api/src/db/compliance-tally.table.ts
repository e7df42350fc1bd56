/** Reports of a year counted by what the board shows of them (db/compliance-tally.ts). */
export interface ComplianceTallyTable {
  year: number
  /** '' (every agency), or the first 2, 4 or 6 digits of the agency's region code. */
  prefix: string
  /** The sub-region a region summary of `prefix` puts the agency in ('' for none). */
  sub: string
  kind: string
  status: string
  /** 'L' first published late, 'O' on time, '' never; otherwise the first publication's time as stored. */
  first_key: string
  corrected: number
  n: number
}

/** The registry's agencies counted by region prefix, sub-region and kind (db/compliance-tally.ts). */
export interface AgencyTallyTable {
  prefix: string
  sub: string
  kind: string
  n: number
}
