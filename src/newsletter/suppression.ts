/**
 * What a provider tells us about an address after it accepted a message: a bounce that will not
 * change (`hard-bounce`), one that may (`soft-bounce`: a full mailbox, a server down), or the
 * reader marking it as spam (`complaint`).
 */
export const DELIVERY_PROBLEMS = ['hard-bounce', 'soft-bounce', 'complaint'] as const
export type DeliveryProblemKind = (typeof DELIVERY_PROBLEMS)[number]

/** Why an address is suppressed: one hard bounce, too many soft ones, or a complaint. */
export const SUPPRESSION_REASONS = ['hard-bounce', 'soft-bounces', 'complaint'] as const
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number]

export interface DeliveryProblem {
  kind: DeliveryProblemKind
  /** When the provider saw it (ISO date). */
  at: string
}

export interface SuppressionRule {
  /** Soft bounces within the window that suppress an address. */
  softBounceLimit: number
  /** How far back soft bounces count, in days. */
  softBounceWindowDays: number
}

export const DEFAULT_SUPPRESSION_RULE: SuppressionRule = { softBounceLimit: 3, softBounceWindowDays: 30 }

export interface SuppressionDecision {
  /** Null while the address may still be mailed. */
  suppress: SuppressionReason | null
  /** A complaint also ends the subscription: the reader said they do not want these emails. */
  unsubscribe: boolean
  /** The soft bounces still inside the window, this one included, to keep for the next decision. */
  softBounces: string[]
}

/**
 * The suppression rule. A hard bounce or a complaint suppresses at once; soft bounces only when
 * `softBounceLimit` of them fall within `softBounceWindowDays` of the newest, since one full
 * mailbox says little but a mailbox that keeps refusing is as good as gone. The same soft bounce
 * reported again counts once.
 */
export function decideSuppression(earlierSoftBounces: readonly string[], problem: DeliveryProblem, rule: SuppressionRule = DEFAULT_SUPPRESSION_RULE): SuppressionDecision {
  const at = Date.parse(problem.at)
  const windowStart = at - rule.softBounceWindowDays * 24 * 3_600_000
  const recent = earlierSoftBounces.filter((earlier) => {
    const time = Date.parse(earlier)
    return time > windowStart && time <= at
  })
  if (problem.kind === 'hard-bounce') return { suppress: 'hard-bounce', unsubscribe: false, softBounces: recent }
  if (problem.kind === 'complaint') return { suppress: 'complaint', unsubscribe: true, softBounces: recent }
  // Providers deliver a report at least once (SNS and webhooks retry a slow answer): a soft bounce at
  // the very instant of one already counted is that report again, and counts once.
  const softBounces = [...new Set([...recent, new Date(at).toISOString()])].sort()
  return { suppress: softBounces.length >= rule.softBounceLimit ? 'soft-bounces' : null, unsubscribe: false, softBounces }
}

/**
 * Whether a report is about mail from before the address's suppression was last lifted (by an
 * admin, or by the reader confirming a new subscription). Such a report is late (a provider
 * retrying) or replayed, and says nothing about the address as it is now, so it neither counts
 * nor suppresses the address again.
 */
export function predatesClearance(problem: DeliveryProblem, liftedAt: string | null | undefined): boolean {
  return typeof liftedAt === 'string' && Date.parse(liftedAt) > Date.parse(problem.at)
}
