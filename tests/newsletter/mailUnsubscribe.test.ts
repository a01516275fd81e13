import type { ParsedMail } from 'mailparser'

import { runScript, type ScriptOutcome } from '../support/cli'
import type { TestSmtpServer } from '../support/smtpServer'
import { aPublishEvent, aSubscriber, runDueJobs, seedArticle } from './builders'
import { startMailingLibrary, stopMailingLibrary, type MailingLibrary } from './support'

/** A header as sent, unfolded. */
const header = (mail: ParsedMail, name: string): string =>
  (
    mail.headerLines
      .find((line) => line.key === name)
      ?.line.replace(/^[^:]+:\s*/, '')
      .replace(/\r?\n[ \t]+/g, ' ') ?? ''
  ).trim()

describe('unsubscribing by replying to the mailto link of List-Unsubscribe', () => {
  let smtp: TestSmtpServer
  let library: MailingLibrary
  let article: { id: string }
  let revision = 20

  beforeAll(async () => {
    library = await startMailingLibrary('newsletter-mailto', { env: { MAIL_FROM_ADDRESS: 'library@vitalpress.example' } })
    smtp = library.smtp
    article = await seedArticle(library.payload)
  })

  afterAll(async () => {
    await stopMailingLibrary(library)
  })

  /** Runs `npm run newsletter -- unsubscribe-mail` as a mail server's pipe alias would, with `message` on stdin. */
  function pipeToCli(message: string): Promise<ScriptOutcome> {
    return runScript('scripts/newsletter.ts', ['unsubscribe-mail'], { ...library.env, PAYLOAD_MIGRATING: 'true', JOBS_AUTORUN: 'false' }, { input: message })
  }

  async function publishAnUpdate(): Promise<void> {
    revision += 1
    await aPublishEvent(library.payload, article.id, { changeKind: 'clinical', revision })
    await runDueJobs(library.payload)
  }

  /** The update email one reader received for a fresh clinical update. */
  async function anUpdateEmailTo(email: string): Promise<ParsedMail> {
    await publishAnUpdate()
    return smtp.acceptedFor(email).at(-1)!.parse()
  }

  /** What a mail client writes when the reader picks "unsubscribe" on a `mailto:` URL: its address and preset subject. */
  function replyTo(mailto: URL, from: string, overrides: { to?: string; subject?: string } = {}): string {
    return [
      `From: Reader <${from}>`,
      `To: ${overrides.to ?? decodeURIComponent(mailto.pathname)}`,
      `Subject: ${overrides.subject ?? mailto.searchParams.get('subject') ?? ''}`,
      `Date: ${new Date().toUTCString()}`,
      `Message-ID: <${Date.now()}.${Math.random().toString(36).slice(2)}@reader.example>`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Please unsubscribe me.',
      '',
    ].join('\r\n')
  }

  const mailtoOf = (mail: ParsedMail): URL => new URL(/<(mailto:[^>]+)>/.exec(header(mail, 'list-unsubscribe'))?.[1] ?? 'mailto:missing@example.test')
  const statusOf = async (id: string) => (await library.payload.findByID({ collection: 'subscribers', id, depth: 0 })).status

  it('when the mail server pipes a message sent to the mailto link of an update email, then the reader is unsubscribed at once and the next update skips them', async () => {
    const reader = await aSubscriber(library.payload, { language: 'en' })
    const mail = await anUpdateEmailTo(reader.email)
    const mailto = mailtoOf(mail)

    const outcome = await pipeToCli(replyTo(mailto, reader.email))
    await publishAnUpdate()

    expect(mailto.pathname).toBe('unsubscribe@vitalpress.example')
    expect(outcome).toMatchObject({ code: 0 })
    expect(outcome.output).toContain('"event":"newsletter.unsubscribed.mail"')
    expect(await statusOf(reader.id)).toBe('unsubscribed')
    expect(smtp.acceptedFor(reader.email)).toHaveLength(1)
  }, 120_000)

  it('when a mail system delivers the token in the recipient address and the client prefixed the subject, then the reader is unsubscribed', async () => {
    const reader = await aSubscriber(library.payload, { language: 'en' })
    const mailto = mailtoOf(await anUpdateEmailTo(reader.email))
    const token = (mailto.searchParams.get('subject') ?? '').replace(/^unsubscribe /, '')

    const outcome = await pipeToCli(replyTo(mailto, reader.email, { to: `unsubscribe+${token}@vitalpress.example`, subject: 'Re: Updated article' }))

    expect(outcome.code).toBe(0)
    expect(await statusOf(reader.id)).toBe('unsubscribed')
  }, 120_000)

  it('when the message carries a forged token, or is no message at all, then the command fails with a clear error and nobody is unsubscribed', async () => {
    const reader = await aSubscriber(library.payload, { language: 'en' })
    const mailto = mailtoOf(await anUpdateEmailTo(reader.email))
    const subject = mailto.searchParams.get('subject') ?? ''
    const forged = subject.slice(0, -4) + (subject.endsWith('AAAA') ? 'BBBB' : 'AAAA')

    const forgedOutcome = await pipeToCli(replyTo(mailto, reader.email, { subject: forged }))
    const garbage = await pipeToCli('this is not an email message at all')

    expect(forgedOutcome.code).not.toBe(0)
    expect(forgedOutcome.output).toContain('NEWSLETTER_MAIL_UNRECOGNIZED')
    expect(forgedOutcome.output).toContain('no unsubscribe token')
    expect(garbage.code).not.toBe(0)
    expect(garbage.output).toContain('not an email message')
    expect(await statusOf(reader.id)).toBe('confirmed')
  }, 120_000)
})
