import { MemoryMailer } from '../../src/mail/memoryMailer'
import { ProcessAllowance } from '../../src/newsletter/allowance'
import { cancelSend, resumeSend, sendTestEmail, summarizeSend } from '../../src/newsletter/sendOperations'
import { createNewsletter, type Newsletter } from '../../src/newsletter/createNewsletter'
import { libraryWithoutFollowers } from './support'
import { aPublishEvent, aSubscriber } from './builders'

describe('the recipient ledger with a mail server that refuses some messages', () => {
  const context = libraryWithoutFollowers('newsletter-ledger')
  let revision = 100

  async function prepared(newsletter: Newsletter): Promise<string> {
    revision += 1
    const event = await aPublishEvent(context.library.payload, context.article.id, { changeKind: 'clinical', revision })
    const { send } = await newsletter.preparer.prepareFromEvent(String(event.id))
    return String(send!.id)
  }

  it('when the server answers 550, 552 and a passing 452 (mailbox full), then the bounce marks the subscriber bounced, the other permanent error fails without retry, and the temporary one is retried and sent', async () => {
    const { payload } = context.library
    const bouncing = await aSubscriber(payload, { email: 'gone@example.test' })
    const tooBig = await aSubscriber(payload, { email: 'small-mailbox@example.test' })
    const deferred = await aSubscriber(payload, { email: 'busy@example.test' })
    const fine = await aSubscriber(payload, { email: 'fine@example.test' })
    const mailer = new MemoryMailer((email, attempt) => {
      if (email.to === bouncing.email) return { responseCode: 550, response: '550 5.1.1 No such user' }
      if (email.to === tooBig.email) return { responseCode: 552, response: '552 5.3.4 Message too big' }
      if (email.to === deferred.email && attempt === 1) return { responseCode: 452, response: '452 4.2.2 Mailbox full' }
      return null
    })
    const newsletter = createNewsletter(payload, { mailer, options: { retryBaseMs: 10, retryMaxMs: 50 } })
    const sendId = await prepared(newsletter)

    const report = await newsletter.runner.run(sendId)
    const summary = await summarizeSend(newsletter, sendId)

    expect(report.outcome).toBe('completed')
    expect(mailer.accepted.map((email) => email.to).sort()).toEqual([deferred.email, fine.email].sort())
    expect(mailer.refused.filter((refusal) => refusal.email.to === tooBig.email)).toHaveLength(1)
    expect(summary.byStatus).toMatchObject({ sent: 2, failed: 2, queued: 0, sending: 0 })
    expect(summary.failures.map((failure) => [failure.email, failure.code]).sort()).toEqual([
      [bouncing.email, 'MAIL_HARD_BOUNCE'],
      [tooBig.email, 'MAIL_PERMANENT_FAILURE'],
    ])
    expect((await payload.findByID({ collection: 'subscribers', id: bouncing.id })).status).toBe('bounced')
    expect((await payload.findByID({ collection: 'subscribers', id: tooBig.id })).status).toBe('confirmed')
  })

  it('when a temporary failure outlasts the retry budget, then the row fails with that reason', async () => {
    const { payload } = context.library
    const unreachable = await aSubscriber(payload, { email: 'always-busy@example.test' })
    const mailer = new MemoryMailer(() => ({ responseCode: 450, response: '450 4.2.0 Mailbox busy' }))
    const newsletter = createNewsletter(payload, { mailer, options: { retryBaseMs: 5, retryMaxMs: 10, maxAttempts: 3 } })
    const sendId = await prepared(newsletter)

    await newsletter.runner.run(sendId)
    const summary = await summarizeSend(newsletter, sendId)

    expect(mailer.refused).toHaveLength(3)
    expect(summary.failures).toEqual([expect.objectContaining({ email: unreachable.email, code: 'NEWSLETTER_RETRIES_EXHAUSTED' })])
  })

  it('when the server throttles each message more often than the retry budget allows, then nobody fails: each is queued again with a retry time, its attempts uncounted, and sent once', async () => {
    const { payload } = context.library
    const readers = await Promise.all([1, 2, 3, 4, 5, 6].map((index) => aSubscriber(payload, { email: `throttled${index}@example.test` })))
    const answers = ['421 4.7.0 Try again later', '451 4.3.0 Local error, try later', '454 4.7.0 Temporary failure', '450 4.2.1 Rate limited']
    const mailer = new MemoryMailer((email, attempt) => {
      if (attempt > answers.length) return null
      const response = answers[attempt - 1]
      return { responseCode: Number(response.slice(0, 3)), response }
    })
    const newsletter = createNewsletter(payload, {
      mailer,
      options: { maxAttempts: 2, retryBaseMs: 5, retryMaxMs: 40, throttle: { pauseMs: 2, maxPauseMs: 8, recoverAfter: 2, retryMs: 5 } },
    })
    const sendId = await prepared(newsletter)

    const report = await newsletter.runner.run(sendId)
    const summary = await summarizeSend(newsletter, sendId)
    const rows = await payload.find({ collection: 'newsletter-deliveries', where: { send: { equals: sendId } }, limit: 0, pagination: false, depth: 0 })

    expect(report).toMatchObject({ outcome: 'completed', sent: 6, failed: 0, retrying: 0, throttled: 24 })
    expect(report.paceChanges).toBeGreaterThanOrEqual(2)
    expect(mailer.accepted.map((email) => email.to).sort()).toEqual(readers.map((reader) => reader.email).sort())
    expect(summary.byStatus).toMatchObject({ sent: 6, failed: 0, queued: 0 })
    expect(summary.throttling).toEqual({ waiting: 0, recipients: 6 })
    expect(rows.docs.map((row) => [row.attempts, row.throttledAttempts, row.failureCode])).toEqual(Array(6).fill([1, 4, null]))
  })

  it('when the throttled pace is too slow for a batch to go out within its claim, then the rest of the batch is given back and sent later, each reader once', async () => {
    const { payload } = context.library
    const readers = await Promise.all(Array.from({ length: 12 }, (_, index) => aSubscriber(payload, { email: `slowbatch${index}@example.test` })))
    let answered = 0
    const mailer = new MemoryMailer(() => (++answered === 1 ? { responseCode: 421, response: '421 4.7.0 Try again later' } : null))
    const newsletter = createNewsletter(payload, {
      mailer,
      // A claim of 600 ms stops handing over 150 ms before its end; at 100 ms between messages a batch of 12 takes 1.2 s.
      options: { batchSize: 12, claimLeaseMs: 600, retryMaxMs: 50, throttle: { pauseMs: 100, maxPauseMs: 100, recoverAfter: 100, retryMs: 10 } },
    })
    const sendId = await prepared(newsletter)
    let givenBack = 0
    const unclaim = newsletter.ledger.unclaim.bind(newsletter.ledger)
    newsletter.ledger.unclaim = (row) => ((givenBack += 1), unclaim(row))

    const report = await newsletter.runner.run(sendId)

    expect(givenBack).toBeGreaterThan(0)
    expect(report).toMatchObject({ outcome: 'completed', sent: 12, failed: 0, throttled: 1 })
    expect(mailer.accepted.map((email) => email.to).sort()).toEqual(readers.map((reader) => reader.email).sort())
  })

  it('when a send is cancelled, then nobody is emailed; when it is resumed, then everyone is, once', async () => {
    const { payload } = context.library
    const readers = await Promise.all([1, 2, 3].map((index) => aSubscriber(payload, { email: `cancel${index}@example.test` })))
    const mailer = new MemoryMailer()
    const newsletter = createNewsletter(payload, { mailer })
    const sendId = await prepared(newsletter)

    const cancelled = await cancelSend(newsletter, sendId)
    const afterCancel = await newsletter.runner.run(sendId)
    const sentWhileCancelled = mailer.accepted.length
    await resumeSend(newsletter, sendId)
    const afterResume = await newsletter.runner.run(sendId)
    await newsletter.runner.run(sendId)

    expect(cancelled).toMatchObject({ status: 'cancelled', byStatus: expect.objectContaining({ skipped: 3, queued: 0 }) })
    expect(afterCancel.outcome).toBe('cancelled')
    expect(sentWhileCancelled).toBe(0)
    expect(afterResume.outcome).toBe('completed')
    expect(mailer.accepted.map((email) => email.to).sort()).toEqual(readers.map((reader) => reader.email).sort())
  })

  it('when two workers run the same send at once, then every recipient is emailed exactly once', async () => {
    const { payload } = context.library
    const readers = []
    for (let index = 0; index < 60; index += 1) readers.push(await aSubscriber(payload, { email: `pair${index}@example.test` }))
    const mailer = new MemoryMailer()
    const first = createNewsletter(payload, { mailer, options: { batchSize: 7 } })
    const sendId = await prepared(first)
    const second = createNewsletter(payload, { mailer, options: { batchSize: 7 } })

    await Promise.all([first.runner.run(sendId), second.runner.run(sendId)])

    const recipients = mailer.accepted.map((email) => email.to)
    expect(recipients.filter((to) => to.startsWith('pair'))).toHaveLength(60)
    expect(new Set(recipients).size).toBe(recipients.length)
  })

  it('when an editor asks for a test email, then it reaches them in their language marked as a test, and the ledger is untouched', async () => {
    const { payload } = context.library
    const mailer = new MemoryMailer()
    const newsletter = createNewsletter(payload, { mailer })
    const sendId = await prepared(newsletter)
    const before = await summarizeSend(newsletter, sendId)

    await sendTestEmail(newsletter, sendId, { email: 'editor@vitalpress.example', language: 'hi' })
    const after = await summarizeSend(newsletter, sendId)

    expect(mailer.accepted).toHaveLength(1)
    expect(mailer.accepted[0]).toMatchObject({ to: 'editor@vitalpress.example' })
    expect(mailer.accepted[0].subject.startsWith('[परीक्षण] अपडेट:')).toBe(true)
    expect(after.byStatus).toEqual(before.byStatus)
  })

  it('when each process may work through only a few ledger rows, then preparation and sending stop and fresh processes carry on until everyone is emailed exactly once', async () => {
    const { payload } = context.library
    const readers = []
    for (let index = 0; index < 12; index += 1) readers.push(await aSubscriber(payload, { email: `share${index}@example.test` }))
    const mailer = new MemoryMailer()
    /** A fresh process: its own newsletter and an allowance of 5 rows. */
    const freshProcess = () => createNewsletter(payload, { mailer, options: { batchSize: 3 }, allowance: new ProcessAllowance(5) })
    revision += 1
    const event = await aPublishEvent(payload, context.article.id, { changeKind: 'clinical', revision })

    const preparations = []
    let prepared
    do {
      prepared = await freshProcess().preparer.prepareFromEvent(String(event.id))
      preparations.push(prepared)
    } while (!prepared.complete && preparations.length < 10)
    const sendId = String(prepared.send!.id)
    const runs = []
    do runs.push(await freshProcess().runner.run(sendId))
    while (runs.at(-1)!.outcome === 'yielded' && runs.length < 10)
    const summary = await summarizeSend(freshProcess(), sendId)

    expect(preparations.map((preparation) => [preparation.complete, preparation.recipients])).toEqual([
      [false, 5],
      [false, 5],
      [true, 2],
    ])
    expect(runs.map((run) => run.outcome)).toEqual(['yielded', 'yielded', 'completed'])
    expect(runs.map((run) => run.sent)).toEqual([6, 6, 0])
    expect(summary.byStatus).toMatchObject({ sent: 12, queued: 0, sending: 0 })
    expect(mailer.accepted.map((email) => email.to).sort()).toEqual(readers.map((reader) => reader.email).sort())
  })
})
