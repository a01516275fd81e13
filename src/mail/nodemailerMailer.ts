import type { Transporter } from 'nodemailer'

import { classifySmtpError, type MailAccepted, type Mailer, type OutgoingEmail } from './mailer'

interface NodemailerError extends Error {
  responseCode?: number
  response?: string
  code?: string
}

/** Longest wait for the server's answer to one message before it counts as a temporary failure. */
const DEFAULT_ANSWER_TIMEOUT_MS = 120_000

/** The `Mailer` over a nodemailer transport (the SMTP pool, or the outbox folder). */
export class NodemailerMailer implements Mailer {
  constructor(
    private readonly transport: Transporter,
    private readonly answerTimeoutMs = DEFAULT_ANSWER_TIMEOUT_MS,
  ) {}

  /**
   * A pooled connection dropped at the wrong moment can lose a message's callback altogether;
   * with no socket or timer left, Node would then simply exit mid-send. The timer both keeps the
   * process alive and turns the silence into a temporary failure that is retried.
   */
  private withTimeout<T>(promise: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(Object.assign(new Error(`No answer from the mail server within ${this.answerTimeoutMs} ms`), { code: 'ETIMEDOUT' })),
        this.answerTimeoutMs,
      )
    })
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
  }

  async send(email: OutgoingEmail): Promise<MailAccepted> {
    try {
      const info = await this.withTimeout(this.transport.sendMail({
        from: { address: email.from.address, name: email.from.name },
        to: email.to,
        subject: email.subject,
        html: email.html,
        text: email.text,
        messageId: email.messageId,
        headers: email.headers,
      }))
      if (Array.isArray(info.rejected) && info.rejected.length > 0) {
        throw classifySmtpError({ responseCode: 550, response: `recipient rejected: ${info.rejected.join(', ')}` })
      }
      return { messageId: email.messageId, response: String(info.response ?? 'written to the outbox') }
    } catch (error) {
      if (error instanceof Error && error.name === 'MailFailure') throw error
      const failure = error as NodemailerError
      throw classifySmtpError({ responseCode: failure.responseCode, response: failure.response, code: failure.code, message: failure.message })
    }
  }

  close(): void {
    this.transport.close()
  }
}
