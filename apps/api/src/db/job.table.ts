import type { JobState, JobType } from '@gongkai/schema/api'

export type { JobState, JobType }

/** A piece of a batch import's file (base64 text), in order. */
export interface JobFileTable {
  job_id: string
  file_index: number
  chunk_index: number
  data: string
}

export interface JobTable {
  id: string
  type: JobType
  /** JSON. */
  payload: string
  state: JobState
  /** The same upload twice makes one job. */
  idempotency_key: string | null
  agency_id: string | null
  created_by: string | null
  attempts: number
  max_attempts: number
  /** Not before this time (scheduled publication, retry backoff). ISO. */
  run_at: string
  /** A running job whose lease has passed belongs to nobody: another worker may take it. */
  lease_until: string | null
  locked_by: string | null
  progress_done: number
  progress_total: number
  progress_message: string | null
  /** JSON. */
  result: string | null
  error: string | null
  cancel_requested: number
  created_at: string
  updated_at: string
}
