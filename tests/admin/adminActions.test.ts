import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Payload } from 'payload'
import type { Browser, Route } from 'playwright-core'
import { Webhook } from 'standardwebhooks'

import { link, paragraph, richText, text } from '../support/richText'
import { signInStaff, type Staff } from '../localization/support/library'
import { aSubscriber } from '../newsletter/builders'
import { JAVASCRIPT_URL } from '../security/support/hostile'
import { launchBrowser, screenshot, signedInPages } from '../support/browser'
import { api } from '../support/http'
import { payloadBesideServer } from '../support/payload'
import { startServer, type RunningServer } from '../support/server'
import { articleData, SEEDED } from '../workflow/builders'

/**
 * The admin's actions beyond the main flow, in a real browser against the production build: an
 * admin rotating a webhook endpoint's signing secret, Resume and Cancel in the newsletter send log,
 * the article sidebar following a workflow transition without a reload, and the side-by-side
 * translate view refusing script addresses that reached the database.
 */


let server: RunningServer
let browser: Browser
let staff: Staff
/** The same library through the Local API, for what no person can make through the admin or REST (sends, stored bad data). */
let payload: Payload
/** One signed-in browser context per person, kept for the whole flow as people keep their tabs open. */
const as = signedInPages(SEEDED, () => ({ browser, baseURL: server.baseURL }))

async function until<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const value = await check()
    if (value !== undefined) return value
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error(`Waited in vain for ${what}:\n${server.output().slice(-3000)}`)
}

interface ReceivedRequest {
  body: string
  headers: Record<string, string>
}

/** A downstream site on 127.0.0.1 that answers 204 and keeps every request, to check its signature afterwards. */
async function startReceiver(): Promise<{ url: string; received: ReceivedRequest[]; stop: () => Promise<void> }> {
  const received: ReceivedRequest[] = []
  const receiver = http.createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      received.push({ body: Buffer.concat(chunks).toString('utf8'), headers: request.headers as Record<string, string> })
      response.writeHead(204).end()
    })
  })
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  const { port } = receiver.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/hooks/vitalpress`,
    received,
    stop: async () => {
      receiver.closeAllConnections()
      await new Promise((resolve) => receiver.close(resolve))
    },
  }
}

const verifies = (secret: string, request: ReceivedRequest) => {
  try {
    new Webhook(secret).verify(request.body, request.headers)
    return true
  } catch {
    return false
  }
}

async function createdArticle(token: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const specialty = (await api(server.baseURL, '/api/specialties?limit=1&depth=0', { token })).body.docs[0].id
  const created = await api(server.baseURL, '/api/articles?draft=true', { token, body: articleData(String(specialty), overrides) })
  if (created.status !== 201) throw new Error(`Creating an article failed with ${created.status}: ${JSON.stringify(created.body)}`)
  return String(created.body.doc.id)
}

let receiver: Awaited<ReturnType<typeof startReceiver>>

beforeAll(async () => {
  server = await startServer('admin-actions')
  browser = await launchBrowser()
  staff = await signInStaff(server.baseURL)
  receiver = await startReceiver()
  payload = await payloadBesideServer(server)
}, 900_000)

afterAll(async () => {
  await browser?.close()
  await payload?.destroy()
  await receiver?.stop()
  await server?.stop()
})

describe("a webhook endpoint's signing secret", () => {
  let endpointId: string
  let firstSecret: string

  beforeAll(async () => {
    await api(server.baseURL, '/api/globals/webhook-settings', { token: staff.admin, body: { allowPrivateAddresses: true } })
    const endpoint = await api(server.baseURL, '/api/webhook-endpoints', { token: staff.admin, body: { name: 'Clinic portal', url: receiver.url, events: ['doctors.published'] } })
    if (endpoint.status !== 201) throw new Error(`Creating the endpoint failed: ${JSON.stringify(endpoint.body)}`)
    endpointId = String(endpoint.body.doc.id)
    firstSecret = endpoint.body.doc.secret
  })

  it('when the admin rotates it on the endpoint screen, then the new secret is shown once with its warning, and the next delivery verifies with it and not with the old one', async () => {
    const page = await as('admin')
    await page.goto(`${server.baseURL}/admin/collections/webhook-endpoints/${endpointId}`)
    const panel = page.getByTestId('rotate-secret')
    await panel.waitFor({ timeout: 60_000 })
    page.once('dialog', (dialog) => void dialog.accept())
    await panel.getByRole('button', { name: 'Rotate secret' }).click()
    const shown = page.getByTestId('new-secret')
    await shown.waitFor({ timeout: 60_000 })
    const secret = (await shown.locator('code').innerText()).trim()
    const warning = await shown.innerText()
    await panel.scrollIntoViewIfNeeded()
    await screenshot(page, 'webhook-rotate-secret')
    await page.reload()
    await page.getByTestId('rotate-secret').waitFor({ timeout: 60_000 })
    const shownAfterReload = await page.getByTestId('new-secret').count()

    const doctor = (await api(server.baseURL, '/api/doctors?limit=1&depth=0', { token: staff.editor })).body.docs[0]
    const renamed = await api(server.baseURL, `/api/doctors/${doctor.id}`, { method: 'PATCH', token: staff.editor, body: { name: `${doctor.name} (updated)` } })
    const delivered = await until('a delivery to the endpoint', () => receiver.received.at(-1))

    expect(secret).toMatch(/^whsec_/)
    expect(secret).not.toBe(firstSecret)
    expect(warning).toContain('It will not be shown again')
    expect(shownAfterReload).toBe(0)
    expect(renamed.status).toBe(200)
    expect(verifies(secret, delivered)).toBe(true)
    expect(verifies(firstSecret, delivered)).toBe(false)
  }, 240_000)

  it('when an editor opens the endpoint screen, then there is no button to rotate the secret', async () => {
    const page = await as('editor')

    await page.goto(`${server.baseURL}/admin/collections/webhook-endpoints/${endpointId}`)
    await page.locator('.template-default, .template-minimal').first().waitFor({ timeout: 60_000 })
    await page.waitForLoadState('networkidle')
    const panels = await page.getByTestId('rotate-secret').count()
    const buttons = await page.getByRole('button', { name: 'Rotate secret' }).count()

    expect(panels).toBe(0)
    expect(buttons).toBe(0)
  })
})

describe('the newsletter send log', () => {
  const sends = { paused: '', failing: '' }

  beforeAll(async () => {
    const article = (await payload.find({ collection: 'articles', where: { slug: { equals: 'bone-metastases' } }, limit: 1, depth: 0 })).docs[0]
    const readers = [await aSubscriber(payload), await aSubscriber(payload)]
    const send = async (revision: number, status: 'cancelled' | 'sending', rows: Array<{ status: 'sent' | 'skipped' | 'failed' | 'queued'; failureCode?: string; failureReason?: string }>) => {
      const created = await payload.create({
        collection: 'newsletter-sends',
        overrideAccess: true,
        data: { key: `${article.id}:${revision}`, article: article.id, revision, changeKind: 'clinical', status, ...(status === 'cancelled' ? { cancelledAt: new Date().toISOString() } : {}) },
      })
      for (const [index, row] of rows.entries()) {
        const reader = readers[index]
        await payload.create({
          collection: 'newsletter-deliveries',
          overrideAccess: true,
          data: { key: `${created.id}:${reader.id}`, send: created.id, subscriber: reader.id, email: reader.email, language: 'en', nextAttemptAt: '2100-01-01T00:00:00.000Z', ...row },
        })
      }
      return String(created.id)
    }
    // Cancelled after one email went out: the other reader is skipped until someone resumes it.
    sends.paused = await send(90, 'cancelled', [
      { status: 'sent' },
      { status: 'skipped', failureCode: 'NEWSLETTER_SEND_CANCELLED', failureReason: 'The send was cancelled before this email went out.' },
    ])
    // Still sending, with one reader whose mail server refused the email for good.
    sends.failing = await send(91, 'sending', [{ status: 'failed', failureCode: 'SMTP_REJECTED', failureReason: '550 Mailbox unavailable' }, { status: 'queued' }])
  })

  it("when the page is on screen before its script has run, then Resume is disabled until pressing it would act", async () => {
    const page = await as('admin')
    let releaseScripts = () => {}
    const scriptsHeld = new Promise<void>((resolve) => (releaseScripts = resolve))
    const holdScript = async (route: Route) => {
      await scriptsHeld
      await route.continue()
    }
    await page.route('**/_next/static/chunks/**', holdScript)
    let disabledBeforeScript: boolean
    let disabledAfterScript: boolean
    try {
      await page.goto(`${server.baseURL}/admin/newsletter-log`, { waitUntil: 'commit' })
      const resume = page.locator(`tr[data-send="${sends.paused}"]`).getByRole('button', { name: 'Resume' })
      await resume.waitFor({ timeout: 60_000 })
      disabledBeforeScript = await resume.isDisabled()
      releaseScripts()
      await page.waitForFunction((button) => !(button as HTMLButtonElement).disabled, await resume.elementHandle(), { timeout: 60_000 })
      disabledAfterScript = await resume.isDisabled()
    } finally {
      releaseScripts()
      await page.unroute('**/_next/static/chunks/**', holdScript)
    }

    expect(disabledBeforeScript).toBe(true)
    expect(disabledAfterScript).toBe(false)
  }, 180_000)

  it('when the admin resumes a cancelled send and cancels one that is sending, then each row shows its new state', async () => {
    const page = await as('admin')
    await page.goto(`${server.baseURL}/admin/newsletter-log`)
    const paused = page.locator(`tr[data-send="${sends.paused}"]`)
    const failing = page.locator(`tr[data-send="${sends.failing}"]`)
    await paused.waitFor({ timeout: 60_000 })
    const stateOf = (row: typeof paused) => row.locator('td').nth(3).innerText()
    const pausedBefore = await stateOf(paused)
    const failingBefore = await failing.innerText()

    await paused.getByRole('button', { name: 'Resume' }).click()
    await page.getByText('The send is going again.').waitFor({ timeout: 60_000 })
    await paused.locator('td').nth(3).getByText(/^(Sending|Completed)$/).waitFor({ timeout: 60_000 })
    const pausedAfter = await stateOf(paused)
    page.once('dialog', (dialog) => void dialog.accept())
    await failing.getByRole('button', { name: 'Cancel' }).click()
    await page.getByText('The send was cancelled.').waitFor({ timeout: 60_000 })
    await failing.locator('td').nth(3).getByText('Cancelled', { exact: true }).waitFor({ timeout: 60_000 })
    const failingAfter = await failing.innerText()
    const cancelButtons = await failing.getByRole('button', { name: 'Cancel' }).count()
    await screenshot(page, 'newsletter-sends')

    expect(pausedBefore).toBe('Cancelled')
    expect(failingBefore).toMatch(/Sending[\s\S]*1 to send[\s\S]*1 failed/)
    expect(pausedAfter).toMatch(/^(Sending|Completed)$/)
    expect(failingAfter).toMatch(/Cancelled[\s\S]*0 to send[\s\S]*1 failed[\s\S]*1 skipped/)
    expect(cancelButtons).toBe(0)
  }, 180_000)
})

describe("the article screen's sidebar", () => {
  it('when the editor submits a draft for review, then the History panel shows it without a page reload', async () => {
    const articleId = await createdArticle(staff.editor, { title: 'Understanding Sciatica' })
    const page = await as('editor')
    await page.goto(`${server.baseURL}/admin/collections/articles/${articleId}`)
    const history = page.getByTestId('workflow-history')
    await history.waitFor({ timeout: 60_000 })
    const historyBefore = await history.innerText()
    // A reload would start a new document and lose this mark.
    await page.evaluate(() => Object.assign(window, { __sameDocument: true }))

    const panel = page.locator('div:has(> h4:text("Review workflow"))').first()
    await panel.locator('select').selectOption('clinical')
    await panel.getByRole('button', { name: 'Submit for review' }).click()
    await history.getByText('Draft → In review').waitFor({ timeout: 60_000 })
    const historyAfter = await history.innerText()
    const sameDocument = await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument === true)
    const panelState = await panel.innerText()

    expect(historyBefore).toContain('No transitions yet.')
    expect(historyAfter).toMatch(/Draft → In review[\s\S]*Esha Editor · Clinical/)
    expect(panelState).toContain('In review')
    expect(sameDocument).toBe(true)
  }, 180_000)
})

describe('the side-by-side translate view', () => {
  const stored = {
    javascript: JAVASCRIPT_URL,
    data: 'data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==',
    vbscript: 'VBScript:msgbox(1)',
  }

  it('when stored text links to javascript:, data: or vbscript: addresses, then the view shows the words without those links and keeps a safe one', async () => {
    const placeholder = (kind: string) => `https://example.org/replaced-in-the-database/${kind}`
    const articleId = await createdArticle(staff.editor, {
      title: 'Understanding Shin Splints',
      sections: [
        {
          heading: 'Further reading',
          content: [
            {
              blockType: 'prose',
              body: richText(
                ...Object.keys(stored).map((kind) => paragraph(text('See '), link(placeholder(kind), text(`the ${kind} link`)))),
                paragraph(text('See '), link('https://example.org/shin-splints', text('the safe link'))),
              ),
            },
          ],
        },
      ],
    })
    // The admin refuses such links on save; these reached the database another way (an old import,
    // a restored backup): written through the database adapter, which runs no hooks, on any adapter.
    const hostile = <T>(value: T): T =>
      JSON.parse(Object.entries(stored).reduce((json, [kind, address]) => json.split(placeholder(kind)).join(address), JSON.stringify(value)))
    // Read and written with every language's values, the form in which the adapter stores localized fields.
    const current = await payload.findByID({ collection: 'articles', id: articleId, draft: true, locale: 'all', depth: 0, overrideAccess: true })
    await payload.db.updateOne({ collection: 'articles', id: articleId, data: { sections: hostile(current.sections) } })
    const versions = await payload.findVersions({ collection: 'articles', where: { parent: { equals: articleId } }, locale: 'all', depth: 0, overrideAccess: true, pagination: false })
    for (const version of versions.docs) {
      await payload.db.updateVersion({ collection: 'articles', id: version.id, versionData: { version: { ...version.version, sections: hostile(version.version.sections) } } })
    }
    const page = await as('editor')

    await page.goto(`${server.baseURL}/admin/collections/articles/${articleId}/translate?locale=hi`)
    const editor = page.getByTestId('translate-editor')
    await editor.waitFor({ timeout: 60_000 })
    const links = await editor.locator('a').evaluateAll((anchors) =>
      anchors.filter((anchor) => /link$/.test(anchor.textContent ?? '')).map((anchor) => `${anchor.textContent} ${anchor.getAttribute('href')}`),
    )
    const runnable = await page.locator('a[href^="javascript:" i], a[href^="data:" i], a[href^="vbscript:" i]').count()

    expect(links).toEqual(['the javascript link null', 'the data link null', 'the vbscript link null', 'the safe link https://example.org/shin-splints'])
    expect(runnable).toBe(0)
  }, 180_000)
})
