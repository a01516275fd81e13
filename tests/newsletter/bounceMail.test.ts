import type { Payload } from 'payload'

import { parseDeliveryStatusNotification } from '../../src/mail/deliveryStatus'
import { problemsInDeliveryStatus } from '../../src/newsletter/providers/bounceMail'
import { runScript, type ScriptOutcome } from '../support/cli'
import { aSubscriber } from './builders'
import { startMailingLibrary, stopMailingLibrary, type MailingLibrary } from './support'

/** A delivery status notification as Postfix returns it (RFC 3464), one block per recipient. */
function aDeliveryStatusNotification(recipients: Array<{ email: string; action: string; status: string; diagnostic: string }>): string {
  const perRecipient = recipients
    .map((entry) => [`Final-Recipient: rfc822; ${entry.email}`, `Original-Recipient: rfc822;${entry.email}`, `Action: ${entry.action}`, `Status: ${entry.status}`, `Remote-MTA: dns; mx.example.net`, `Diagnostic-Code: smtp; ${entry.diagnostic}`].join('\r\n'))
    .join('\r\n\r\n')
  return [
    'From: MAILER-DAEMON@mail.vitalpress.example (Mail Delivery System)',
    'To: bounces@vitalpress.example',
    'Subject: Undelivered Mail Returned to Sender',
    'Date: Fri, 4 Dec 2026 10:00:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="B0UND"',
    '',
    '--B0UND',
    'Content-Type: text/plain; charset=us-ascii',
    '',
    'This is the mail system at host mail.vitalpress.example. Your message could not be delivered.',
    '',
    '--B0UND',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mail.vitalpress.example',
    'Arrival-Date: Fri, 4 Dec 2026 09:59:58 +0000',
    '',
    perRecipient,
    '',
    '--B0UND',
    'Content-Type: text/rfc822-headers',
    '',
    'Subject: Updated: Understanding Bone Metastases',
    '',
    '--B0UND--',
    '',
  ].join('\r\n')
}

describe('delivery status notifications', () => {
  it('when a notification reports a missing mailbox, a full one, a delay and a delivery, then they read as hard, soft, soft and nothing', async () => {
    const notification = await parseDeliveryStatusNotification(
      Buffer.from(
        aDeliveryStatusNotification([
          { email: 'gone@example.net', action: 'failed', status: '5.1.1', diagnostic: '550 5.1.1 <gone@example.net>: Recipient address rejected: User unknown' },
          { email: 'full@example.net', action: 'failed', status: '5.2.2', diagnostic: '552 5.2.2 Mailbox full' },
          { email: 'slow@example.net', action: 'delayed', status: '4.4.1', diagnostic: '421 4.4.1 Connection timed out' },
          { email: 'fine@example.net', action: 'delivered', status: '2.0.0', diagnostic: '250 2.0.0 Ok' },
        ]),
      ),
    )

    expect(notification?.at).toBe('2026-12-04T09:59:58.000Z')
    expect(problemsInDeliveryStatus(notification!).map((problem) => [problem.email, problem.kind])).toEqual([
      ['gone@example.net', 'hard-bounce'],
      ['full@example.net', 'soft-bounce'],
      ['slow@example.net', 'soft-bounce'],
    ])
  })

  it('when a message is not a delivery status notification, then it is not read as one', async () => {
    const reply = 'From: reader@example.net\r\nTo: library@vitalpress.example\r\nSubject: Re: Updated\r\n\r\nThanks!\r\n'

    expect(await parseDeliveryStatusNotification(Buffer.from(reply))).toBeNull()
    expect(await parseDeliveryStatusNotification(Buffer.from('not a message at all'))).toBeNull()
  })
})

describe('bounces returned by mail, through npm run newsletter -- bounce-mail', () => {
  let library: MailingLibrary
  let payload: Payload

  beforeAll(async () => {
    library = await startMailingLibrary('newsletter-bounce-mail')
    payload = library.payload
  })

  afterAll(async () => {
    await stopMailingLibrary(library)
  })

  function pipeToCli(message: string): Promise<ScriptOutcome> {
    return runScript('scripts/newsletter.ts', ['bounce-mail'], { ...library.env, PAYLOAD_MIGRATING: 'true', JOBS_AUTORUN: 'false' }, { input: message })
  }

  it('when the mail server pipes a notification of a missing mailbox, then that subscriber is suppressed and a full mailbox is only counted', async () => {
    const gone = await aSubscriber(payload, { language: 'en' })
    const full = await aSubscriber(payload, { language: 'en' })

    const outcome = await pipeToCli(
      aDeliveryStatusNotification([
        { email: gone.email, action: 'failed', status: '5.1.1', diagnostic: '550 5.1.1 User unknown' },
        { email: full.email, action: 'failed', status: '5.2.2', diagnostic: '552 5.2.2 Mailbox full' },
      ]),
    )

    expect(outcome.code).toBe(0)
    expect(outcome.output).toContain('"event":"newsletter.bounce.mail"')
    expect(await payload.findByID({ collection: 'subscribers', id: gone.id, overrideAccess: true })).toMatchObject({ status: 'bounced', suppression: { reason: 'hard-bounce', reportedBy: 'bounce-mail' } })
    const counted = await payload.findByID({ collection: 'subscribers', id: full.id, overrideAccess: true })
    expect(counted).toMatchObject({ status: 'confirmed', suppression: { reason: null } })
    expect(counted.softBounces).toEqual(['2026-12-04T09:59:58.000Z'])
  }, 120_000)

  it('when something else is piped in, then it fails with NEWSLETTER_BOUNCE_UNRECOGNIZED and changes nothing', async () => {
    const outcome = await pipeToCli('From: reader@example.net\r\nSubject: hello\r\n\r\nhi\r\n')

    expect(outcome.code).toBe(1)
    expect(outcome.output).toContain('NEWSLETTER_BOUNCE_UNRECOGNIZED')
  }, 120_000)
})
