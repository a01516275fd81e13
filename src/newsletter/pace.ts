/**
 * The pace of a send: how many messages may be with the SMTP server at once and how long to wait
 * between two handovers. A throttling answer (421, 451, 454, a provider's rate limit) halves the
 * messages in flight and doubles the pause; a run of accepted messages undoes one such step. The
 * rule is pure: the pace after a sequence of answers depends on nothing else.
 */

export interface PaceSettings {
  /** Messages in flight when nothing throttles: the SMTP pool's connections. */
  concurrency: number
  /** Pause between handovers after the first throttling answer; it doubles with each further one. */
  throttledIntervalMs: number
  /** Longest pause between handovers, however long the provider throttles. */
  maxIntervalMs: number
  /** Accepted messages in a row that undo one slowing step. */
  recoverAfter: number
  /** How long a throttled recipient waits before it is tried again, at the first slowing step; doubles with each further step. */
  retryAfterMs: number
  /** Longest wait for a throttled recipient. */
  maxRetryAfterMs: number
}

export interface Pace {
  /** Messages handed to the server at once, at most. */
  concurrency: number
  /** Least time between two handovers. */
  intervalMs: number
  /** Slowing steps not yet undone; 0 is full speed. */
  level: number
  /** Accepted messages since the last change. */
  acceptedInRow: number
  /** When the pace last slowed; a throttling answer to a message handed over before then was already answered by that step. */
  slowedAt: number
}

/** The server's answer to one message: accepted (250), throttling, or anything else (which leaves the pace as it is). */
export type PaceAnswer =
  | { outcome: 'accepted' | 'other' }
  | {
      outcome: 'throttled'
      at: number
      /** When the throttled message was handed over. */
      handedOverAt: number
    }

export function initialPace(settings: PaceSettings): Pace {
  return { concurrency: Math.max(1, settings.concurrency), intervalMs: 0, level: 0, acceptedInRow: 0, slowedAt: Number.NEGATIVE_INFINITY }
}

/**
 * The pace of `level` slowing steps: each halves the messages in flight and doubles the pause. At
 * full speed there is no pause of its own; the pool's `SMTP_RATE_LIMIT`, if set, still applies.
 */
function paceAtLevel(level: number, settings: PaceSettings): Pick<Pace, 'concurrency' | 'intervalMs'> {
  if (level === 0) return { concurrency: Math.max(1, settings.concurrency), intervalMs: 0 }
  const concurrency = Math.max(1, Math.floor(settings.concurrency / 2 ** level))
  return { concurrency, intervalMs: Math.min(settings.maxIntervalMs, settings.throttledIntervalMs * 2 ** (level - 1)) }
}

/** The deepest level that still changes anything: beyond it, both limits are at their floor and ceiling. */
function deepestLevel(settings: PaceSettings): number {
  let level = 1
  while (level < 30) {
    const here = paceAtLevel(level, settings)
    if (here.concurrency === 1 && here.intervalMs >= settings.maxIntervalMs) return level
    level += 1
  }
  return level
}

/**
 * The pace after one more answer. Messages already in flight when the pace slowed were sent at
 * the old pace, so their throttling answers do not slow it again: one burst of refusals is one
 * step, not one per connection.
 */
export function nextPace(pace: Pace, answer: PaceAnswer, settings: PaceSettings): Pace {
  if (answer.outcome === 'throttled') {
    if (answer.handedOverAt < pace.slowedAt) return { ...pace, acceptedInRow: 0 }
    const level = Math.min(pace.level + 1, deepestLevel(settings))
    return { ...paceAtLevel(level, settings), level, acceptedInRow: 0, slowedAt: answer.at }
  }
  if (answer.outcome === 'other' || pace.level === 0) return pace
  const acceptedInRow = pace.acceptedInRow + 1
  if (acceptedInRow < settings.recoverAfter) return { ...pace, acceptedInRow }
  const level = pace.level - 1
  return { ...pace, ...paceAtLevel(level, settings), level, acceptedInRow: 0 }
}

/** The pace a sequence of answers leads to, from full speed. */
export function paceAfter(answers: PaceAnswer[], settings: PaceSettings): Pace {
  return answers.reduce((pace, answer) => nextPace(pace, answer, settings), initialPace(settings))
}

/** How long a recipient the server throttled waits before it is tried again, at this pace. */
export function throttledRetryAfterMs(pace: Pace, settings: PaceSettings): number {
  return Math.min(settings.maxRetryAfterMs, settings.retryAfterMs * 2 ** Math.max(0, pace.level - 1))
}
