import { timingSafeEqual, createHash } from 'node:crypto'

import type { ProblemReport } from '../bounces'
import type { DeliveryProblemKind } from '../suppression'

/**
 * Postmark's bounce types in our words. Types that say nothing about the address (an
 * auto-responder, a challenge, a blocked message for content) are left out and change nothing.
 */
const POSTMARK_TYPES: Record<string, DeliveryProblemKind> = {
  HardBounce: 'hard-bounce',
  BadEmailAddress: 'hard-bounce',
  SoftBounce: 'soft-bounce',
  Transient: 'soft-bounce',
  DnsError: 'soft-bounce',
  SpamComplaint: 'complaint',
  SpamNotification: 'complaint',
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '')

/**
 * Reads one Postmark bounce or spam-complaint webhook body. Returns null for a record that is not
 * about a delivery problem (a delivery, an open, a type we leave alone), so Postmark is answered
 * 200 and does not retry it.
 */
export function readPostmarkWebhook(body: unknown, now: () => Date = () => new Date()): ProblemReport | null {
  if (typeof body !== 'object' || body === null) return null
  const record = body as Record<string, unknown>
  const recordType = text(record.RecordType)
  if (recordType !== 'Bounce' && recordType !== 'SpamComplaint') return null
  const kind = recordType === 'SpamComplaint' ? 'complaint' : POSTMARK_TYPES[text(record.Type)]
  const email = text(record.Email)
  if (!kind || !email) return null
  const at = Number.isNaN(Date.parse(text(record.BouncedAt))) ? now().toISOString() : new Date(text(record.BouncedAt)).toISOString()
  const detail = [text(record.Type) || recordType, text(record.Description), text(record.Details)].filter(Boolean).join(': ')
  return { email, kind, at, reportedBy: 'postmark', detail }
}

/**
 * Postmark sends the webhook's URL credentials as HTTP Basic authentication
 * (`https://postmark:<secret>@cms.example/…`); the password must be the shared secret. Compared
 * as hashes, so neither its length nor its content leaks through timing.
 */
export function postmarkCallerIsTrusted(authorization: string | null, secret: string | undefined): boolean {
  if (!secret || !authorization?.startsWith('Basic ')) return false
  const decoded = Buffer.from(authorization.slice(6).trim(), 'base64').toString('utf8')
  const password = decoded.slice(decoded.indexOf(':') + 1)
  const digest = (value: string) => createHash('sha256').update(value).digest()
  return decoded.includes(':') && timingSafeEqual(digest(password), digest(secret))
}
