import { DomainError } from '../errors/domainError'

/** Stable codes a caller can branch on; the message tells a person what to do. */
export type NewsletterErrorCode =
  | 'NEWSLETTER_EMAIL_INVALID'
  | 'NEWSLETTER_LOCALE_UNKNOWN'
  | 'NEWSLETTER_TOPIC_UNKNOWN'
  | 'NEWSLETTER_BODY_INVALID'
  | 'NEWSLETTER_BODY_TOO_LARGE'
  | 'NEWSLETTER_TOKEN_INVALID'
  | 'NEWSLETTER_TOKEN_EXPIRED'
  | 'NEWSLETTER_MAIL_UNRECOGNIZED'
  | 'NEWSLETTER_SEND_NOT_FOUND'
  | 'NEWSLETTER_SEND_FINISHED'
  | 'NEWSLETTER_FORBIDDEN'

export class NewsletterError extends DomainError<NewsletterErrorCode> {}
