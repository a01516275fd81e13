import type { ProblemReport } from '../bounces'
import type { DeliveryProblemKind } from '../suppression'

const text = (value: unknown): string => (typeof value === 'string' ? value : '')
const record = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {})
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : [])

/**
 * SES's bounce types in our words. `Undetermined` (SES could not tell why) counts as soft: it
 * suppresses only when it keeps happening.
 */
const BOUNCE_TYPES: Record<string, DeliveryProblemKind> = { Permanent: 'hard-bounce', Transient: 'soft-bounce', Undetermined: 'soft-bounce' }

/** What an SES notification says: delivery problems, or nothing we act on (a delivery, a send). */
export type SesReading = { problems: ProblemReport[] } | { ignored: string } | { problem: string }

function isoOr(value: unknown, fallback: string): string {
  const time = Date.parse(text(value))
  return Number.isNaN(time) ? fallback : new Date(time).toISOString()
}

/**
 * Reads the `Message` of an SNS notification that SES published: a bounce or a complaint, in the
 * notification format (`notificationType`) or the event-publishing one (`eventType`). Each
 * recipient is one report. A complaint of the `not-spam` feedback type is the opposite of one.
 */
export function readSesNotification(message: string, now: () => Date = () => new Date()): SesReading {
  let parsed: unknown
  try {
    parsed = JSON.parse(message)
  } catch {
    return { problem: 'The notification\'s "Message" is not JSON; SES publishes its notifications as JSON.' }
  }
  const notification = record(parsed)
  const type = text(notification.notificationType) || text(notification.eventType)
  if (type === 'Bounce') {
    const bounce = record(notification.bounce)
    const kind = BOUNCE_TYPES[text(bounce.bounceType)]
    if (!kind) return { problem: `The bounce's "bounceType" is ${JSON.stringify(bounce.bounceType ?? null)}; SES sends Permanent, Transient or Undetermined.` }
    const at = isoOr(bounce.timestamp, now().toISOString())
    const recipients = list(bounce.bouncedRecipients).map(record).filter((recipient) => text(recipient.emailAddress))
    if (recipients.length === 0) return { problem: 'The bounce has no "bouncedRecipients" with an "emailAddress".' }
    return {
      problems: recipients.map((recipient) => ({
        email: text(recipient.emailAddress),
        kind,
        at,
        reportedBy: 'ses',
        detail: [`${text(bounce.bounceType)}/${text(bounce.bounceSubType)}`, text(recipient.status), text(recipient.diagnosticCode)].filter(Boolean).join(': '),
      })),
    }
  }
  if (type === 'Complaint') {
    const complaint = record(notification.complaint)
    const feedbackType = text(complaint.complaintFeedbackType)
    if (feedbackType === 'not-spam') return { ignored: 'A not-spam feedback report is no complaint.' }
    const at = isoOr(complaint.timestamp, now().toISOString())
    const recipients = list(complaint.complainedRecipients).map(record).filter((recipient) => text(recipient.emailAddress))
    if (recipients.length === 0) return { problem: 'The complaint has no "complainedRecipients" with an "emailAddress".' }
    return {
      problems: recipients.map((recipient) => ({
        email: text(recipient.emailAddress),
        kind: 'complaint' as const,
        at,
        reportedBy: 'ses' as const,
        detail: ['Complaint', feedbackType, text(complaint.userAgent)].filter(Boolean).join(': '),
      })),
    }
  }
  return { ignored: type ? `SES ${type} notifications change nothing here.` : 'The message is not an SES notification.' }
}
