import { readEnvironment, type Environment } from '../environment/readEnvironment'

/** The settings of the review workflow. */
export interface WorkflowOptions {
  /** Months between clinical reviews of an article whose specialty sets no interval of its own (`REVIEW_INTERVAL_MONTHS`). */
  defaultReviewIntervalMonths: number
  /** How far ahead the review-due list looks: reviews due within this many days are listed with the overdue ones (`REVIEW_DUE_WITHIN_DAYS`). */
  reviewDueWithinDays: number
  /** The longest note a transition accepts, in characters. */
  maxNoteLength: number
}

/** A note longer than this is an article, not a note; it is not a setting. */
const MAX_NOTE_LENGTH = 4000

/** The workflow's options from its settings in the environment. */
export function workflowOptions(settings: Environment['workflow']): WorkflowOptions {
  return { ...settings, maxNoteLength: MAX_NOTE_LENGTH }
}

/** The options with every setting at its default, for tests and tools that must not depend on the environment. */
export const DEFAULT_WORKFLOW_OPTIONS: WorkflowOptions = workflowOptions(readEnvironment({}).workflow)
