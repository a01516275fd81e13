export type EnvironmentErrorCode =
  /** A variable holds a value the product cannot use. */
  | 'ENVIRONMENT_INVALID'
  /** `SITE_URL` or `SITE_ARTICLE_URL` would give emails wrong article links. */
  | 'SITE_URL_INVALID'
  /** A production server without a session secret of its own. */
  | 'PAYLOAD_SECRET_REQUIRED'

export interface EnvironmentErrorDetails {
  variable: string
  /** The value as set; left out for secrets, which must not reach a log. */
  value?: string
  /** What the variable takes, in the words of the README's configuration table. */
  accepts: string
}

/**
 * A setting that stops the start. Every process (server, worker, command-line scripts) reads the
 * environment before it does any work, so a wrong value is reported once, at once, and never
 * turns into a silent default or a failure hours later.
 */
export class EnvironmentError extends Error {
  constructor(
    message: string,
    readonly code: EnvironmentErrorCode,
    readonly details: EnvironmentErrorDetails,
  ) {
    super(message)
  }
}
