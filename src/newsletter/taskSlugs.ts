/** The newsletter's jobs, named once for the code that queues them and the tasks that run them. */
export const NEWSLETTER_TASKS = {
  /** Writes a send and its recipient ledger after a publish. */
  prepareSend: 'newsletterPrepareSend',
  /** Releases held languages of a send (on a translation approval or at the end of the grace period). */
  releaseLanguages: 'newsletterReleaseLanguages',
  /** Works through a send's ledger. */
  send: 'newsletterSend',
  /** Sends a subscriber's double opt-in email. */
  confirmation: 'newsletterConfirmation',
  /** Prepares the digest of the last closed ISO week (scheduled every Monday), then queues its send. */
  weeklyDigest: 'newsletterWeeklyDigest',
  /** Prepares the digest of the last closed calendar month (scheduled on the 1st), then queues its send. */
  monthlyDigest: 'newsletterMonthlyDigest',
} as const
