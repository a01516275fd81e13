/*
 * The windows a digest covers, in UTC so every server, worker and reader agrees on them whatever
 * its own time zone: ISO 8601 weeks (Monday 00:00 to the next Monday 00:00, numbered so week 1 is
 * the one holding the year's first Thursday; `weekly:2026-W49`) and calendar months
 * (`monthly:2026-12`). A window is half-open: `start` belongs to it, `end` to the next one.
 */

export const DIGEST_WINDOWS = ['weekly', 'monthly'] as const
export type DigestWindowKind = (typeof DIGEST_WINDOWS)[number]

export interface DigestWindow {
  kind: DigestWindowKind
  /** Unique per window and kind, such as `weekly:2026-W49` or `monthly:2026-12`. */
  key: string
  /** First instant of the window. */
  start: Date
  /** First instant after the window. */
  end: Date
}

const DAY_MS = 86_400_000

export function isDigestWindowKind(value: unknown): value is DigestWindowKind {
  return (DIGEST_WINDOWS as readonly unknown[]).includes(value)
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0')

/** The ISO week-numbering year and week of an instant, read in UTC. */
export function isoWeek(at: Date): { year: number; week: number } {
  const day = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate())
  const weekday = new Date(day).getUTCDay() || 7
  // The Thursday of the same ISO week decides the year the week belongs to.
  const thursday = new Date(day + (4 - weekday) * DAY_MS)
  const year = thursday.getUTCFullYear()
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1
  return { year, week }
}

/** The window of this kind that `at` falls in. */
export function windowContaining(kind: DigestWindowKind, at: Date): DigestWindow {
  if (kind === 'monthly') {
    const year = at.getUTCFullYear()
    const month = at.getUTCMonth()
    return { kind, key: `monthly:${year}-${pad(month + 1)}`, start: new Date(Date.UTC(year, month, 1)), end: new Date(Date.UTC(year, month + 1, 1)) }
  }
  const day = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate())
  const weekday = new Date(day).getUTCDay() || 7
  const start = new Date(day - (weekday - 1) * DAY_MS)
  const { year, week } = isoWeek(at)
  return { kind, key: `weekly:${year}-W${pad(week)}`, start, end: new Date(start.getTime() + 7 * DAY_MS) }
}

/**
 * The last window of this kind that has ended by `at`: what a digest sent at `at` covers. A run
 * on Monday 2026-12-07 (any hour) covers 2026-W49, Monday 30 November to Sunday 6 December.
 */
export function lastClosedWindow(kind: DigestWindowKind, at: Date): DigestWindow {
  const current = windowContaining(kind, at)
  return windowContaining(kind, new Date(current.start.getTime() - 1))
}
