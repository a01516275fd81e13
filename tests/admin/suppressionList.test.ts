import type { Browser } from 'playwright-core'

import { aConfirmedReaderOverHttp, subscriberNamed } from '../newsletter/readersOverHttp'
import { launchBrowser, screenshot, signedInPages } from '../support/browser'
import { api, login } from '../support/http'
import { startServer, type RunningServer } from '../support/server'

/** The admin's list of suppressed addresses, in a real browser against the production build. */

const PEOPLE = {
  admin: { email: 'admin@vitalpress.example', password: 'vitalpress-admin' },
  editor: { email: 'editor@vitalpress.example', password: 'vitalpress-staff' },
} as const
const POSTMARK_SECRET = 'postmark-secret-for-the-suppression-list'

let server: RunningServer
let browser: Browser
let adminToken: string
const as = signedInPages(PEOPLE, () => ({ browser, baseURL: server.baseURL }))
const readers = { bounced: 'bounced.reader@example.test', complained: 'complained.reader@example.test', fine: 'fine.reader@example.test' }

/** Postmark's webhook, as the provider calls it. */
const postmarkReports = (body: Record<string, unknown>) =>
  api(server.baseURL, '/api/newsletter/bounces/postmark', { body, headers: { Authorization: `Basic ${Buffer.from(`postmark:${POSTMARK_SECRET}`).toString('base64')}` } })

beforeAll(async () => {
  server = await startServer('admin-suppressions', { NEWSLETTER_POSTMARK_WEBHOOK_SECRET: POSTMARK_SECRET })
  browser = await launchBrowser()
  adminToken = await login(server.baseURL, PEOPLE.admin.email, PEOPLE.admin.password)
  for (const email of Object.values(readers)) await aConfirmedReaderOverHttp(server.baseURL, adminToken, email)
  await postmarkReports({ RecordType: 'Bounce', Type: 'HardBounce', Email: readers.bounced, BouncedAt: new Date().toISOString(), Description: 'Unknown user', Details: 'smtp;550 5.1.1 mailbox does not exist' })
  await postmarkReports({ RecordType: 'SpamComplaint', Type: 'SpamComplaint', Email: readers.complained, BouncedAt: new Date().toISOString(), Description: 'Marked as spam' })
}, 900_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

describe('the suppressed addresses in the admin', () => {
  it('when the admin opens the list, then each suppressed address shows its reason, reporter and detail, and Lift mails a bounced one again', async () => {
    const page = await as('admin')
    await page.goto(`${server.baseURL}/admin/newsletter-suppressions`)
    const list = page.getByTestId('newsletter-suppressions')
    await list.waitFor({ timeout: 60_000 })
    const bounced = list.locator('tr', { hasText: readers.bounced })
    const complained = list.locator('tr', { hasText: readers.complained })
    const navLinks = await page.locator('.nav').getByRole('link').allInnerTexts()
    const headings = await list.locator('th').allInnerTexts()
    const bouncedRow = await bounced.innerText()
    const complainedRow = await complained.innerText()
    const listed = await list.locator('tbody tr').count()
    await screenshot(page, 'newsletter-suppressions')

    const asked: string[] = []
    page.once('dialog', (dialog) => {
      asked.push(dialog.message())
      void dialog.accept()
    })
    await bounced.getByRole('button', { name: 'Lift' }).click()
    await page.getByText('The suppression was lifted.').waitFor({ timeout: 60_000 })
    await bounced.waitFor({ state: 'detached', timeout: 60_000 })
    const lifted = await subscriberNamed(server.baseURL, adminToken, readers.bounced)

    expect(navLinks).toContain('Suppressed addresses')
    expect(headings.map((heading) => heading.trim())).toEqual(['Address', 'Reason', 'When', 'Reported by', 'What the provider said', ''])
    expect(listed).toBe(2)
    expect(bouncedRow).toMatch(/Hard bounce[\s\S]*Postmark[\s\S]*HardBounce: Unknown user/)
    expect(complainedRow).toMatch(/Spam complaint[\s\S]*Postmark/)
    expect(`${bouncedRow}${complainedRow}`).not.toContain(readers.fine)
    expect(asked).toEqual([`Lift the suppression of ${readers.bounced}? Update emails will go to it again.`])
    expect(lifted).toMatchObject({ status: 'confirmed', suppression: { reason: null } })
    expect(await list.locator('tbody tr').count()).toBe(1)
  }, 180_000)

  it('when an editor signs in, then the list is not in their navigation and its address shows no addresses', async () => {
    const page = await as('editor')
    await page.goto(`${server.baseURL}/admin/newsletter-suppressions`)
    await page.getByText('This list is for admins.').waitFor({ timeout: 60_000 })
    const navLinks = await page.locator('.nav').getByRole('link').allInnerTexts()
    const content = await page.locator('main, .template-default__wrap').first().innerText()

    expect(navLinks).not.toContain('Suppressed addresses')
    expect(await page.getByTestId('newsletter-suppressions').count()).toBe(0)
    expect(content).not.toContain(readers.complained)
  }, 120_000)
})
