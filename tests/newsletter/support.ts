import { seedLibrary } from '../../src/seed/seedLibrary'
import { startPayload, stopPayload, type TestLibrary } from '../support/payload'
import { seedArticle } from './builders'
import { startSmtpServer, type SmtpVerdict, type TestSmtpServer } from '../support/smtpServer'

/** The public addresses a deployment gives the links in emails: the reader's site and the CMS. */
export const PUBLIC_ADDRESSES = { SITE_URL: 'https://health.example', NEWSLETTER_PUBLIC_URL: 'https://cms.example' }

export interface MailingLibrary extends TestLibrary {
  smtp: TestSmtpServer
}

interface MailingLibraryOptions {
  /** Settings of the library beyond its mail server, applied before it starts. */
  env?: Record<string, string>
  /** What the SMTP server does with each message; it accepts every one unless told otherwise. */
  decide?: (recipients: string[], index: number) => SmtpVerdict
  /** Whether to load the seeded library (staff, specialties, the seed article); on unless told otherwise. */
  seeded?: boolean
}

/**
 * A library whose newsletter mails to a real SMTP server on loopback. The test runs the queue
 * itself (runDueJobs, or worker processes), so no in-process runner races it.
 */
export async function startMailingLibrary(name: string, { env = {}, decide, seeded = true }: MailingLibraryOptions = {}): Promise<MailingLibrary> {
  const smtp = await startSmtpServer(decide)
  Object.assign(process.env, { SMTP_URL: smtp.url, JOBS_AUTORUN: 'false', ...env })
  const library = await startPayload(name)
  if (seeded) await seedLibrary(library.payload)
  return { ...library, smtp }
}

export async function stopMailingLibrary(library: MailingLibrary | undefined): Promise<void> {
  await stopPayload(library)
  await library?.smtp.stop()
}

/**
 * Registers the set-up of a describe block whose tests each start with no confirmed followers: a
 * seeded library (no mail server; tests pass their own mailer) and the seed article. Read
 * `library` and `article` inside the tests, once the set-up has run.
 */
export function libraryWithoutFollowers(name: string): { library: TestLibrary; article: { id: string; specialtyId: string } } {
  const context = {} as { library: TestLibrary; article: { id: string; specialtyId: string } }
  beforeAll(async () => {
    process.env.JOBS_AUTORUN = 'false'
    context.library = await startPayload(name)
    await seedLibrary(context.library.payload)
    context.article = await seedArticle(context.library.payload)
  })
  // Each test starts with no confirmed followers, so it sees only the readers it made.
  beforeEach(async () => {
    await context.library.payload.update({ collection: 'subscribers', where: { status: { equals: 'confirmed' } }, data: { status: 'unsubscribed' } })
  })
  afterAll(async () => {
    await stopPayload(context.library)
  })
  return context
}
