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
  readonly responseCode?: number

  constructor({
    kind,
    hardBounce,
    message,
    responseCode,
    code,
  }: {
    kind: MailFailureKind
    /** The recipient's mailbox does not exist or is disabled: stop writing to it. */
    hardBounce: boolean
    message: string
    /** The SMTP server's reply code, when it answered. */
    responseCode?: number
    /** A code of its own; by default one that says whether trying again can help. */
    code?: string
  }) {
    super({ code: code ?? (kind === 'temporary' ? 'MAIL_TEMPORARY_FAILURE' : hardBounce ? 'MAIL_HARD_BOUNCE' : 'MAIL_PERMANENT_FAILURE'), status: 502, message })
    this.kind = kind
    this.hardBounce = hardBounce
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

/**
 * Sorts a failure into temporary (4xx, a dropped or timed-out connection: try again later) and
 * permanent (5xx: trying again cannot help), and tells hard bounces apart from other permanent
 * refusals such as a message judged too large.
 */
export function classifySmtpError(report: SmtpErrorReport): MailFailure {
  const { responseCode, response = '' } = report
  const detail = (response || report.message || report.code || 'unknown error').trim()
  if (responseCode !== undefined && responseCode >= 500 && responseCode < 600) {
    const hardBounce = HARD_BOUNCE_CODES.has(responseCode) || HARD_BOUNCE_STATUS.test(response)
    return new MailFailure({ kind: 'permanent', hardBounce, message: `The SMTP server refused the message: ${detail}`, responseCode })
  }
  if (responseCode !== undefined && responseCode >= 400 && responseCode < 500) {
    return new MailFailure({ kind: 'temporary', hardBounce: false, message: `The SMTP server deferred the message: ${detail}`, responseCode })
  }
  return new MailFailure({ kind: 'temporary', hardBounce: false, message: `The message could not be handed to the SMTP server (${report.code ?? 'no reply'}): ${detail}`, responseCode })
}
