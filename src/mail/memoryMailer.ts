import { classifySmtpError, type MailAccepted, type Mailer, type OutgoingEmail, type SmtpErrorReport } from './mailer'

/** An in-memory `Mailer` for tests: keeps what it accepted; `answer` may refuse a message like a server would. */
export class MemoryMailer implements Mailer {
  readonly accepted: OutgoingEmail[] = []
  readonly refused: { email: OutgoingEmail; report: SmtpErrorReport }[] = []

  constructor(private readonly answer: (email: OutgoingEmail, attempt: number) => SmtpErrorReport | null = () => null) {}

  async send(email: OutgoingEmail): Promise<MailAccepted> {
    const attempt = [...this.accepted, ...this.refused.map((refusal) => refusal.email)].filter((sent) => sent.to === email.to).length + 1
    const refusal = this.answer(email, attempt)
    if (refusal) {
      this.refused.push({ email, report: refusal })
      throw classifySmtpError(refusal)
    }
    this.accepted.push(email)
    return { messageId: email.messageId, response: '250 2.0.0 Ok: queued in memory' }
  }
}
