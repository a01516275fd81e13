import type { Transporter } from 'nodemailer'

import { classifySmtpError, type MailAccepted, type Mailer, type OutgoingEmail } from './mailer'

interface NodemailerError extends Error {
  responseCode?: number
  response?: string
  code?: string
}

/** Longest wait for the server's answer to one message before it counts as a temporary failure. */
const DEFAULT_ANSWER_TIMEOUT_MS = 120_000

/** nodemailer's options for one message: plain data, so they can also be handed to the mail thread. */
export function messageOptions(email: OutgoingEmail) {
  return {
    from: { address: email.from.address, name: email.from.name },
    to: email.to,
    subject: email.subject,
    html: email.html,
    text: email.text,
    messageId: email.messageId,
    headers: email.headers,
  }
}

/** What the server said of a message it answered: accepted, or its recipient refused (a permanent failure). */
export function acceptance(email: OutgoingEmail, answer: { response?: unknown; rejected?: unknown[] }, fallbackResponse: string): MailAccepted {
  if (Array.isArray(answer.rejected) && answer.rejected.length > 0) {
    throw classifySmtpError({ responseCode: 550, response: `recipient rejected: ${answer.rejected.join(', ')}` })
  }
  return { messageId: email.messageId, response: String(answer.response || fallbackResponse) }
}

/** The silence of a server that did not answer a message in time: a temporary failure. */
export function noAnswer(answerTimeoutMs: number): { code: string; message: string } {
  return { code: 'ETIMEDOUT', message: `No answer from the mail server within ${answerTimeoutMs} ms` }
}

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
      timer = setTimeout(() => {
        const silence = noAnswer(this.answerTimeoutMs)
        reject(Object.assign(new Error(silence.message), { code: silence.code }))
      }, this.answerTimeoutMs)
    })
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
  }

  async send(email: OutgoingEmail): Promise<MailAccepted> {
    try {
      const info = await this.withTimeout(this.transport.sendMail(messageOptions(email)))
      return acceptance(email, info, 'written to the outbox')
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
