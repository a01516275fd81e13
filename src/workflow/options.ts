import { DomainError, type FixedCodeErrorOptions } from '../api/domainError'

/** The settings of the review workflow. */
export interface WorkflowOptions {
  /** Months between clinical reviews of an article whose specialty sets no interval of its own. */
  defaultReviewIntervalMonths: number
  /** How far ahead the review-due list looks: reviews due within this many days are listed with the overdue ones. */
  reviewDueWithinDays: number
  /** The longest note a transition accepts, in characters. */
  maxNoteLength: number
}

export const DEFAULT_WORKFLOW_OPTIONS: WorkflowOptions = {
  defaultReviewIntervalMonths: 12,
  reviewDueWithinDays: 30,
  maxNoteLength: 4000,
}

export class WorkflowConfigError extends DomainError<'WORKFLOW_CONFIG_INVALID'> {
  constructor(options: FixedCodeErrorOptions) {
    super({ ...options, code: 'WORKFLOW_CONFIG_INVALID', status: 500 })
  }
}

type Environment = Record<string, string | undefined>

function positiveInteger(env: Environment, name: string, fallback: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 1) {
    throw new WorkflowConfigError({ message: `${name}="${raw}" is not a whole number of at least 1; set it to, for example, ${fallback}, or leave it unset.` })
  }
  return value
}

/** The workflow settings: `REVIEW_INTERVAL_MONTHS` and `REVIEW_DUE_WITHIN_DAYS` override the defaults. */
export function workflowOptionsFromEnv(env: Environment = process.env): WorkflowOptions {
  return {
    ...DEFAULT_WORKFLOW_OPTIONS,
    defaultReviewIntervalMonths: positiveInteger(env, 'REVIEW_INTERVAL_MONTHS', DEFAULT_WORKFLOW_OPTIONS.defaultReviewIntervalMonths),
    reviewDueWithinDays: positiveInteger(env, 'REVIEW_DUE_WITHIN_DAYS', DEFAULT_WORKFLOW_OPTIONS.reviewDueWithinDays),
  }
}
