import type { Payload } from 'payload'

import { Leases } from '../../src/database/lease'
import type { MailAccepted, Mailer, OutgoingEmail } from '../../src/mail/mailer'
import { MemoryMailer } from '../../src/mail/memoryMailer'
import { ProcessAllowance } from '../../src/newsletter/allowance'
import { createNewsletter, type Newsletter } from '../../src/newsletter/createNewsletter'
import { cancelSend, resumeSend, summarizeSend } from '../../src/newsletter/sendOperations'
import { libraryWithoutFollowers } from './support'
import { aPublishEvent, aSubscriber, seedArticle } from './builders'

/** Emails as `MemoryMailer` does, noting how many rows the send's ledger had as each one left. */
class LedgerWatchingMailer implements Mailer {
  readonly inner = new MemoryMailer()
  readonly rowsWhenSent: number[] = []

  constructor(private readonly payload: Payload) {}

  async send(email: OutgoingEmail): Promise<MailAccepted> {
    // An update email's message id is `<delivery.send@domain>`.
    const sendId = /^<[^.]+\.([^@]+)@/.exec(email.messageId)![1]
    const rows = await this.payload.db.count({ collection: 'newsletter-deliveries', where: { send: { equals: sendId } } })
    this.rowsWhenSent.push(rows.totalDocs)
    return this.inner.send(email)
  }

  get to(): string[] {
    return this.inner.accepted.map((email) => email.to)
  }
}

describe('a send that goes out while its recipients are still being added', () => {
  const context = libraryWithoutFollowers('newsletter-preparing')
  let revision = 300

  async function followers(count: number, prefix: string): Promise<string[]> {
    const emails = []
    for (let index = 0; index < count; index += 1) emails.push((await aSubscriber(context.library.payload, { email: `${prefix}${index}@example.test` })).email)
    return emails.sort()
  }

  /** The send of a new clinical publish, opened with no recipient added yet. */
  async function openedSend(newsletter: Newsletter): Promise<string> {
    revision += 1
    const event = await aPublishEvent(context.library.payload, context.article.id, { changeKind: 'clinical', revision })
    const { send } = await newsletter.preparer.openFromEvent(String(event.id))
    return String(send!.id)
  }

  const sendRecord = (sendId: string) => context.library.payload.findByID({ collection: 'newsletter-sends', id: sendId, depth: 0 })

  it('when 10 followers are added in pages of 4, then the first email leaves after the first page, everyone gets one email, and the send completes after the last page', async () => {
    const { payload } = context.library
    const readers = await followers(10, 'paged')
    const mailer = new LedgerWatchingMailer(payload)
    const newsletter = createNewsletter(payload, { mailer, options: { preparationPage: 4, batchSize: 2 } })
    const sendId = await openedSend(newsletter)
    const opened = await sendRecord(sendId)

    const report = await newsletter.runner.run(sendId)
    const finished = await sendRecord(sendId)
    const newest = (await payload.find({ collection: 'subscribers', where: { email: { in: readers } }, sort: '-createdAt', limit: 1, depth: 0 })).docs[0]

    expect(opened).toMatchObject({ preparing: true, status: 'sending' })
    expect(report.outcome).toBe('completed')
    expect(mailer.rowsWhenSent[0]).toBeLessThanOrEqual(4)
    expect(mailer.to.sort()).toEqual(readers)
    expect(finished).toMatchObject({ preparing: false, status: 'completed', preparedThrough: newest.createdAt })
    expect(new Date(finished.preparedAt!).getTime()).toBeLessThanOrEqual(new Date(finished.completedAt!).getTime())
  })

  it('when another process holds the preparation, then the sender emails the recipients already added and completes the send only after the rest are added', async () => {
    const { payload } = context.library
    const readers = await followers(10, 'shared')
    const mailer = new LedgerWatchingMailer(payload)
    const newsletter = createNewsletter(payload, { mailer, options: { preparationPage: 4, batchSize: 2 } })
    const sendId = await openedSend(newsletter)
    await newsletter.preparer.preparePage(sendId)
    // A live process elsewhere is preparing: its lease is neither expired nor its holder gone.
    const leases = new Leases({ payload })
    const held = await leases.acquire(`newsletter-prepare:${sendId}`, 'another-host:4242:preparer', { durationMs: 60_000 })
    expect(held.acquired).toBe(true)

    let whileHeld: { sent: string[]; status: string } | null = null
    const releaseLater = new Promise<void>((resolve) =>
      setTimeout(async () => {
        whileHeld = { sent: [...mailer.to], status: (await sendRecord(sendId)).status }
        if (held.acquired) await leases.release(held.lease)
        resolve()
      }, 2000),
    )
    const report = await newsletter.runner.run(sendId)
    await releaseLater

    expect(whileHeld!.status).toBe('sending')
    expect(whileHeld!.sent).toHaveLength(4)
    expect(report.outcome).toBe('completed')
    expect(mailer.to.sort()).toEqual(readers)
    expect((await sendRecord(sendId)).status).toBe('completed')
  })

  it('when a sender adds a page, then its rows are written claimed for that sender: another process takes none of them while it sends, and the rows it did not email are given back when it stops', async () => {
    const { payload } = context.library
    const readers = await followers(4, 'own-page')
    const other = createNewsletter(payload, { mailer: new MemoryMailer(), options: { preparationPage: 4, batchSize: 4 } })
    const takenByOther: string[] = []
    class ClaimingMailer extends LedgerWatchingMailer {
      async send(email: OutgoingEmail): Promise<MailAccepted> {
        // Another process looks for work while the sender's first email is on its way.
        if (this.inner.accepted.length === 0) {
          const claim = await other.ledger.claimBatch(sendId)
          if (!claim.busy) takenByOther.push(...claim.rows.map((row) => row.email))
        }
        return super.send(email)
      }
    }
    const mailer = new ClaimingMailer(payload)
    // The sender may write 6 rows: it adds the page of 4 and emails 2 of them before it stops for a fresh process.
    const sender = createNewsletter(payload, { mailer, options: { preparationPage: 4, batchSize: 2 }, allowance: new ProcessAllowance(6) })
    const sendId = await openedSend(sender)

    const report = await sender.runner.run(sendId)
    const rows = await payload.find({ collection: 'newsletter-deliveries', where: { send: { equals: sendId } }, depth: 0, limit: 0 })
    const unsent = rows.docs.filter((row) => row.status === 'queued')
    const next = await other.ledger.claimBatch(sendId)

    expect(report).toMatchObject({ outcome: 'yielded', sent: 2 })
    expect(takenByOther).toEqual([])
    expect(rows.docs.every((row) => row.claimedBy === sender.worker)).toBe(true)
    expect(unsent).toHaveLength(2)
    expect(unsent.every((row) => new Date(row.claimExpiresAt!).getTime() <= Date.now())).toBe(true)
    expect(next.busy ? [] : next.rows.map((row) => row.email).sort()).toEqual(unsent.map((row) => row.email).sort())
    expect([...mailer.to, ...unsent.map((row) => row.email)].sort()).toEqual(readers)
    // The ledger declares its own `updatedAt` (to leave it unindexed); every write still sets it, and the dashboard sorts failures by it.
    const sent = rows.docs.filter((row) => row.status === 'sent')
    expect(sent).toHaveLength(2)
    for (const row of sent) expect(new Date(row.updatedAt).getTime()).toBeGreaterThanOrEqual(new Date(row.sentAt!).getTime())
  })

  it('when a send is cancelled between two pages, then no recipient is added to it, and resuming it adds the rest and emails everyone once', async () => {
    const { payload } = context.library
    const readers = await followers(9, 'cancelled')
    const mailer = new LedgerWatchingMailer(payload)
    const newsletter = createNewsletter(payload, { mailer, options: { preparationPage: 4 } })
    const sendId = await openedSend(newsletter)
    await newsletter.preparer.preparePage(sendId)

    await cancelSend(newsletter, sendId)
    const refused = await newsletter.preparer.preparePage(sendId)
    const afterCancel = await summarizeSend(newsletter, sendId)
    await resumeSend(newsletter, sendId)
    const report = await newsletter.runner.run(sendId)
    const summary = await summarizeSend(newsletter, sendId)

    expect(refused).toEqual({ added: 0, complete: false, refused: 'cancelled' })
    expect(afterCancel).toMatchObject({ status: 'cancelled', preparing: true, total: 4 })
    expect(afterCancel.byStatus).toMatchObject({ skipped: 4, queued: 0 })
    expect(report.outcome).toBe('completed')
    expect(summary).toMatchObject({ status: 'completed', preparing: false, total: 9 })
    expect(summary.byStatus).toMatchObject({ sent: 9, skipped: 0, queued: 0 })
    expect(mailer.to.sort()).toEqual(readers)
  })

  it('when 7 followers subscribed at the same moment and a page holds 3, then a page takes them all and each gets one email', async () => {
    const { payload } = context.library
    const specialtyId = (await seedArticle(payload)).specialtyId
    const moment = new Date(Date.now() - 60_000).toISOString()
    const readers = []
    for (let index = 0; index < 7; index += 1) {
      const email = `same-moment${index}@example.test`
      await payload.db.create({
        collection: 'subscribers',
        data: { email, language: 'en', status: 'confirmed', specialties: [specialtyId], createdAt: moment, updatedAt: moment },
        returning: false,
      })
      readers.push(email)
    }
    const stored = await payload.find({ collection: 'subscribers', where: { email: { in: readers } }, depth: 0, limit: 0 })
    const mailer = new LedgerWatchingMailer(payload)
    const newsletter = createNewsletter(payload, { mailer, options: { preparationPage: 3 } })
    const sendId = await openedSend(newsletter)

    const firstPage = await newsletter.preparer.preparePage(sendId)
    const report = await newsletter.runner.run(sendId)

    expect(new Set(stored.docs.map((doc) => doc.createdAt))).toEqual(new Set([moment]))
    expect(firstPage).toEqual({ added: 7, complete: false })
    expect(report.outcome).toBe('completed')
    expect(mailer.to.sort()).toEqual(readers.sort())
  })

  it('when each process may write 5 ledger rows, then successive processes add and email the recipients in turn until everyone has one email', async () => {
    const { payload } = context.library
    const readers = await followers(12, 'turns')
    const mailer = new LedgerWatchingMailer(payload)
    const freshProcess = () => createNewsletter(payload, { mailer, options: { preparationPage: 4, batchSize: 2 }, allowance: new ProcessAllowance(5) })
    const sendId = await openedSend(freshProcess())

    const runs = []
    do runs.push(await freshProcess().runner.run(sendId))
    while (runs.at(-1)!.outcome === 'yielded' && runs.length < 20)
    const summary = await summarizeSend(freshProcess(), sendId)

    expect(runs.at(-1)!.outcome).toBe('completed')
    expect(runs.slice(0, -1).every((run) => run.outcome === 'yielded')).toBe(true)
    // A process that adds recipients also emails some: the first ones leave from the first process.
    expect(runs[0].sent).toBeGreaterThan(0)
    expect(mailer.rowsWhenSent[0]).toBeLessThan(12)
    expect(summary.byStatus).toMatchObject({ sent: 12, queued: 0, sending: 0, held: 0 })
    expect(mailer.to.sort()).toEqual(readers)
  })
})
