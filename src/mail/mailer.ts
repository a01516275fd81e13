import { DomainError } from '../errors/domainError'

/** One message as domain code describes it; the transport turns it into MIME. */
export interface OutgoingEmail {
  to: string
  from: { address: string; name: string }
  subject: string
  html: string
  text: string
  /** Our own Message-ID, so a message can be traced from the ledger to a mailbox. */
  messageId: string
  headers?: Record<string, string>
}

/** The SMTP server took responsibility for the message ("accepted" is not "delivered"). */
export interface MailAccepted {
  messageId: string
  /** The server's reply to the message, such as `250 2.0.0 Ok: queued as 4F3A2`. */
  response: string
}

/** The one thing the newsletter needs of a mail system. */
export interface Mailer {
  /** Resolves once the server accepted the message; rejects with a `MailFailure`. */
  send(email: OutgoingEmail): Promise<MailAccepted>
  close?(): void
}

export type MailFailureKind = 'temporary' | 'permanent'

/** Why a message was not accepted, and whether trying again can help. */
export class MailFailure extends DomainError {
  readonly kind: MailFailureKind
  readonly hardBounce: boolean
  /** A temporary failure saying the server or provider wants fewer messages for a while: slow down, the recipient is fine. */
  readonly throttled: boolean
  readonly responseCode?: number

  constructor({
    kind,
    hardBounce,
    throttled = false,
    message,
    responseCode,
    code,
  }: {
    kind: MailFailureKind
    /** The recipient's mailbox does not exist or is disabled: stop writing to it. */
    hardBounce: boolean
    throttled?: boolean
    message: string
    /** The SMTP server's reply code, when it answered. */
    responseCode?: number
    /** A code of its own; by default one that says whether trying again can help. */
    code?: string
  }) {
    super({ code: code ?? (kind === 'temporary' ? (throttled ? 'MAIL_THROTTLED' : 'MAIL_TEMPORARY_FAILURE') : hardBounce ? 'MAIL_HARD_BOUNCE' : 'MAIL_PERMANENT_FAILURE'), status: 502, message })
    this.kind = kind
    this.hardBounce = hardBounce
    this.throttled = kind === 'temporary' && throttled
    if (responseCode !== undefined) this.responseCode = responseCode
  }
}

/** What an SMTP client reports about a failed message. */
export interface SmtpErrorReport {
  responseCode?: number
  response?: string
  /** The client's own error code (`ECONNECTION`, `ETIMEDOUT`, `EENVELOPE`, …). */
  code?: string
  message?: string
}

const HARD_BOUNCE_CODES = new Set([550, 551, 553])
/** RFC 3463: 5.1.x is a bad mailbox or address, 5.2.1 a disabled mailbox. */
const HARD_BOUNCE_STATUS = /\b5\.(1\.\d{1,3}|2\.1)\b/

/** Server busy (421), local trouble on its side (451), temporarily out of resources (454). */
const THROTTLING_CODES = new Set([421, 451, 454])
/**
 * Providers' rate limits come under other 4xx codes too, told apart only by their enhanced status
 * or their words: 4.7.x (policy: "too many messages", "try again later"), Gmail's "450 4.2.1 …
 * receiving mail at a rate that prevents additional messages". The text is the only signal a
 * provider gives, hence the words.
 */
const THROTTLING_STATUS = /\b4\.(7\.\d{1,3}|2\.1)\b/
const THROTTLING_WORDS = /rate.?limit|too many|throttl|try again later|slow down/i

/**
 * Whether a 4xx answer is the server or provider asking for fewer messages for a while, rather
 * than trouble with this one recipient (a full mailbox, 452 4.2.2) or message.
 */
export function isThrottlingAnswer(responseCode: number, response: string): boolean {
  if (responseCode < 400 || responseCode >= 500) return false
  return THROTTLING_CODES.has(responseCode) || THROTTLING_STATUS.test(response) || THROTTLING_WORDS.test(response)
}

/**
 * Sorts a failure into temporary (4xx, a dropped or timed-out connection: try again later) and
 * permanent (5xx: trying again cannot help), tells hard bounces apart from other permanent
 * refusals such as a message judged too large, and throttling apart from other temporary failures.
 */
export function classifySmtpError(report: SmtpErrorReport): MailFailure {
  const { responseCode, response = '' } = report
  const detail = (response || report.message || report.code || 'unknown error').trim()
  if (responseCode !== undefined && responseCode >= 500 && responseCode < 600) {
    const hardBounce = HARD_BOUNCE_CODES.has(responseCode) || HARD_BOUNCE_STATUS.test(response)
    return new MailFailure({ kind: 'permanent', hardBounce, message: `The SMTP server refused the message: ${detail}`, responseCode })
  }
  if (responseCode !== undefined && responseCode >= 400 && responseCode < 500) {
    const throttled = isThrottlingAnswer(responseCode, response)
    const message = throttled ? `The SMTP server asked to slow down: ${detail}` : `The SMTP server deferred the message: ${detail}`
    return new MailFailure({ kind: 'temporary', hardBounce: false, throttled, message, responseCode })
  }
  return new MailFailure({ kind: 'temporary', hardBounce: false, message: `The message could not be handed to the SMTP server (${report.code ?? 'no reply'}): ${detail}`, responseCode })
}
