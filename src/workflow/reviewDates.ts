import { changeKindUpdatesDate, type ChangeKind } from './states'

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * `date` plus whole calendar months in UTC, keeping the time of day. A day that the target month
 * lacks becomes its last day, so 31 January plus one month is the end of February, not March.
 */
export function addMonths(date: Date, months: number): Date {
  const result = new Date(date.getTime())
  const day = result.getUTCDate()
  result.setUTCDate(1)
  result.setUTCMonth(result.getUTCMonth() + months)
  const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate()
  result.setUTCDate(Math.min(day, lastDay))
  return result
}

/** When the next clinical review falls due: the review date plus the specialty's interval. */
export function nextReviewDue(reviewedAt: Date, intervalMonths: number): Date {
  return addMonths(reviewedAt, intervalMonths)
}

/**
 * The "Last updated on" date after publishing a change: clinical and editorial changes move it to
 * the moment of publishing; a cosmetic one leaves what readers were told as it was.
 */
export function lastUpdatedAfterPublish(kind: ChangeKind, previous: string | null | undefined, publishedAt: Date): string | null {
  return changeKindUpdatesDate(kind) ? publishedAt.toISOString() : (previous ?? null)
}

function startOfUTCDay(date: Date): number {
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate())
}

/** Whole calendar days (UTC) from `now` to `due`: 0 when due today, negative when overdue. */
export function daysUntil(due: Date, now: Date): number {
  return Math.round((startOfUTCDay(due) - startOfUTCDay(now)) / DAY_MS)
}

/** The first instant that lies beyond the review-due horizon: reviews due before it are listed. */
export function reviewDueHorizon(now: Date, withinDays: number): Date {
  return new Date(startOfUTCDay(now) + (withinDays + 1) * DAY_MS)
}
