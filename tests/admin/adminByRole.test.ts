import net from 'node:net'
import type { Browser, Page } from 'playwright-core'

import { seedArticle, signInStaff, transitionLocale, translateWhole, type SeedArticle, type Staff } from '../localization/support/library'
import { launchBrowser, logInToAdmin, screenshot, signedInPages } from '../support/browser'
import { api } from '../support/http'
import { startServer, type RunningServer } from '../support/server'

/**
 * The admin for each role, in a real browser against the production build: the issue's flow
 * from an editor's clinical change to an approved Hindi translation, each step asserting the
 * screen, with the screenshots README.admin.md shows written to docs/screenshots/.
 */

const PEOPLE = {
  admin: { email: 'admin@vitalpress.example', password: 'vitalpress-admin' },
  editor: { email: 'editor@vitalpress.example', password: 'vitalpress-staff' },
  reviewer: { email: 'reviewer@vitalpress.example', password: 'vitalpress-staff' },
  translatorHi: { email: 'translator.hi@vitalpress.example', password: 'vitalpress-staff' },
  translatorTa: { email: 'translator.ta@vitalpress.example', password: 'vitalpress-staff' },
} as const
/** The seed's section 4, "Symptoms of Bone Metastases": its first term, "Bone Pain". */
const CHANGED_SECTION = 3
const BONE_PAIN = '#field-sections__3__content__1__items__0__explanation'
const ADDED_SENTENCE = 'Pain that wakes you at night should be reported to your doctor within a week.'
const HINDI_UPDATE =
  'हड्डी के मेटास्टेसिस का सबसे आम लक्षण प्रभावित हड्डी में दर्द है। रात में नींद तोड़ने वाले दर्द के बारे में एक सप्ताह के भीतर अपने डॉक्टर को बताएँ।'

let server: RunningServer
let browser: Browser
let staff: Staff
let article: SeedArticle
/** One signed-in browser context per person, kept for the whole flow as people keep their tabs open. */
const as = signedInPages(PEOPLE, () => ({ browser, baseURL: server.baseURL }))

/** The home page with the navigation open, as the screenshots show it: the person's work links lead it. */
async function openDashboard(page: Page): Promise<void> {
  await page.goto(`${server.baseURL}/admin`)
  await page.getByTestId('role-dashboard').waitFor({ timeout: 60_000 })
  if ((await page.locator('.template-default--nav-open').count()) === 0) {
    await page.locator('button.template-default__nav-toggler').click()
    await page.locator('.template-default--nav-open').waitFor({ timeout: 60_000 })
  }
}

const articleURL = (view = '', locale?: string) => `${server.baseURL}/admin/collections/articles/${article.id}${view}${locale ? `?locale=${locale}` : ''}`
const workflowPanel = (page: Page) => page.locator('div:has(> h4:text("Review workflow"))').first()

/** Resolves once the article's webhook delivery to the closed port has been attempted and failed. */
async function failedDeliveryAttempted(adminToken: string): Promise<void> {
  const deadline = Date.now() + 90_000
  while (Date.now() < deadline) {
    const found = await api(server.baseURL, '/api/webhook-deliveries?where[status][in]=retrying,failed&limit=1&depth=0', { token: adminToken })
    if (found.body.totalDocs > 0) return
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  throw new Error(`No webhook delivery failed within 90 s of publishing:\n${server.output().slice(-3000)}`)
}

async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo
      probe.close(() => resolve(port))
    })
  })
}

beforeAll(async () => {
  server = await startServer('admin-by-role')
  browser = await launchBrowser()
  staff = await signInStaff(server.baseURL)
  article = await seedArticle(server.baseURL, staff.editor)
  // The seed has no Hindi translation: the Hindi translator translated it and a reviewer approved it before the change.
  await translateWhole(server.baseURL, staff.translatorHi, article.id, 'hi', 'हिं ')
  await transitionLocale(server.baseURL, staff.reviewer, article.id, 'hi', { to: 'approved' })
  // A downstream site that is down, so the admin has a failing endpoint to see once the change is published.
  await api(server.baseURL, '/api/globals/webhook-settings', { token: staff.admin, body: { allowPrivateAddresses: true } })
  await api(server.baseURL, '/api/webhook-endpoints', {
    token: staff.admin,
    body: { name: 'Patient site (down)', url: `http://127.0.0.1:${await closedPort()}/hooks/vitalpress`, events: ['article.published'] },
  })
}, 900_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

describe('the admin for each role', () => {
  it('when the editor edits a section of the seed article and submits it as a clinical change, then the article screen shows it in review with the submission in its history', async () => {
    const page = await as('editor')
    await openDashboard(page)
    const dashboardCards = await page.getByTestId('role-dashboard').locator('h3').allInnerTexts()
    const workLinks = await page.locator('.nav').getByRole('link').allInnerTexts()
    await screenshot(page, 'dashboard-editor')

    await page.goto(articleURL())
    await workflowPanel(page).getByText('State:').waitFor({ timeout: 60_000 })
    const bonePain = page.locator(BONE_PAIN)
    // The admin renders a long article's fields as they scroll into view.
    while ((await bonePain.count()) === 0) await page.mouse.wheel(0, 500)
    await bonePain.fill(`${await bonePain.inputValue()} ${ADDED_SENTENCE}`)
    await page.locator('#field-changelogNote').fill('Added when to report night pain to a doctor.')
    await page.getByRole('button', { name: 'Save Draft' }).click()
    await workflowPanel(page).getByText('Draft', { exact: true }).waitFor({ timeout: 60_000 })
    await workflowPanel(page).locator('select').selectOption('clinical')
    await workflowPanel(page).getByRole('button', { name: 'Submit for review' }).click()
    await workflowPanel(page).getByText('In review', { exact: true }).waitFor({ timeout: 60_000 })
    // The seed article reads above the default target (grade 8, warn): the submission goes through with a warning.
    const readabilityWarning = await workflowPanel(page).getByTestId('workflow-warning').innerText()
    // The sidebar's other panels follow on the same screen, without a reload.
    await page.getByTestId('workflow-history').getByText('Draft → In review').waitFor({ timeout: 60_000 })
    const history = await page.getByTestId('workflow-history').innerText()
    const translations = await page.getByTestId('translation-states').innerText()
    const readability = page.getByTestId('readability-panel')
    const englishGrade = await readability.getByTestId('readability-en').getAttribute('data-grade')
    const tamilReadability = await readability.getByTestId('readability-ta').innerText()
    // The whole sidebar in one picture: the workflow, translations and history panels.
    await page.setViewportSize({ width: 1440, height: 1500 })
    await page.evaluate(() => window.scrollTo(0, 0))
    await screenshot(page, 'article-screen')
    await page.setViewportSize({ width: 1440, height: 900 })

    expect(workLinks).toEqual(expect.arrayContaining(['Dashboard', 'Reviews due', 'Translation coverage', 'Publish log', 'Newsletter sends']))
    expect(workLinks).not.toContain('Webhook deliveries')
    expect(dashboardCards).toEqual(expect.arrayContaining([expect.stringContaining('Sent back to you'), expect.stringContaining('Your drafts'), expect.stringContaining('Reviews due or overdue')]))
    expect(history).toMatch(/Draft → In review/)
    expect(history).toMatch(/Esha Editor · Clinical/)
    expect(translations).toMatch(/हिन्दी\s*Approved/)
    expect(Number(englishGrade)).toBeGreaterThan(0)
    expect(await readability.innerText()).toMatch(/Target: grade 8 or below/)
    expect(tamilReadability).toContain('Not scored yet')
    expect(readabilityWarning).toMatch(/^Submitted, but the English text reads at grade \d+\.\d, above the target of grade 8: split long sentences/)
  })

  it('when the reviewer signs in, then the change waits on their dashboard, and its diff shows the added sentence in its section before they approve it', async () => {
    const page = await as('reviewer')
    await openDashboard(page)
    const queue = page.getByTestId('review-queue')
    const waiting = await queue.innerText()
    await screenshot(page, 'dashboard-reviewer')

    await queue.getByRole('link', { name: /Understanding Bone Metastases/ }).first().click()
    await page.getByTestId('review-diff').waitFor({ timeout: 60_000 })
    const changedSection = page.getByTestId(`diff-section-${CHANGED_SECTION + 1}`)
    const status = await changedSection.getAttribute('data-status')
    const added = await changedSection.locator('ins').allInnerTexts()
    const unchanged = await page.locator('[data-testid^="diff-section-"][data-status="unchanged"]').count()
    const summary = await page.getByTestId('review-diff').locator('p').first().innerText()
    const readabilityChange = page.getByTestId('diff-readability')
    const gradeBefore = await readabilityChange.getAttribute('data-before')
    const gradeAfter = await readabilityChange.getAttribute('data-after')
    const readabilityText = await readabilityChange.innerText()
    await screenshot(page, 'review-diff')
    await workflowPanel(page).getByRole('button', { name: 'Approve' }).click()
    await workflowPanel(page).getByText('Approved', { exact: true }).waitFor({ timeout: 60_000 })

    expect(waiting).toMatch(/Understanding Bone Metastases[\s\S]*English change · Clinical/)
    expect(status).toBe('changed')
    expect(added.join('')).toContain(ADDED_SENTENCE)
    expect(unchanged).toBe(7)
    expect(summary).toContain('1 of 8 sections changed.')
    expect(Number(gradeBefore)).toBeGreaterThan(0)
    expect(Number(gradeAfter)).toBeGreaterThan(0)
    expect(readabilityText).toMatch(new RegExp(`Before: Grade ${Number(gradeBefore).toFixed(1)} \\(Flesch–Kincaid\\)[\\s\\S]*→[\\s\\S]*Now: Grade ${Number(gradeAfter).toFixed(1)} \\(Flesch–Kincaid\\)`))
  })

  it('when the editor opens the approved article, then Publish is offered and publishing shows it published', async () => {
    const page = await as('editor')

    await page.goto(articleURL())
    await workflowPanel(page).getByRole('button', { name: 'Publish', exact: true }).click()
    await workflowPanel(page).getByText('Published', { exact: true }).waitFor({ timeout: 60_000 })
    await page.getByTestId('workflow-history').getByText('Approved → Published').waitFor({ timeout: 60_000 })
    const history = await page.getByTestId('workflow-history').innerText()

    expect(history).toMatch(/Approved → Published/)
  })

  it('when the Hindi translator signs in, then the article is outdated with the changed section named; updating it and submitting puts it in review', async () => {
    const page = await as('translatorHi')
    await openDashboard(page)
    const work = await page.getByTestId('translator-work-hi').getByTestId('outdated-translations').innerText()
    await screenshot(page, 'dashboard-translator')

    await page.getByTestId('outdated-translations').getByRole('link', { name: /Understanding Bone Metastases/ }).click()
    const changed = page.getByTestId(`translate-group-${article.sectionIds[CHANGED_SECTION]}`)
    await changed.waitFor({ timeout: 60_000 })
    const highlighted = await page.locator('[data-testid^="translate-group-"][data-outdated="true"]').evaluateAll((groups) => groups.map((group) => group.getAttribute('data-testid')))
    const stateBefore = await page.getByTestId('locale-state').innerText()
    const translateReadability = page.getByTestId('translate-readability')
    const sourceGrade = await translateReadability.getByTestId('translate-readability-en').getAttribute('data-grade')
    const hindiMeasure = await translateReadability.getByTestId('translate-readability-hi').innerText()
    await changed.locator('textarea[data-unit$=".explanation"]').first().fill(HINDI_UPDATE)
    await screenshot(page, 'translate-side-by-side')
    await page.getByRole('button', { name: 'Save draft' }).click()
    await page.getByTestId('locale-state').getByText('In progress').waitFor({ timeout: 60_000 })
    await page.getByRole('button', { name: 'Submit translation for review' }).click()
    await page.getByTestId('locale-state').getByText('In review').waitFor({ timeout: 60_000 })
    const highlightedAfter = await page.locator('[data-testid^="translate-group-"][data-outdated="true"]').count()

    expect(work).toMatch(/Understanding Bone Metastases[\s\S]*Outdated[\s\S]*Changed: 4\. Symptoms of Bone Metastases/)
    expect(highlighted).toEqual([`translate-group-${article.sectionIds[CHANGED_SECTION]}`])
    expect(stateBefore).toBe('Outdated')
    expect(Number(sourceGrade)).toBeGreaterThan(0)
    expect(hindiMeasure).toMatch(/^Grade -?\d+\.\d \(akshara grade\)/)
    expect(highlightedAfter).toBe(0)
  })

  it("when the Hindi translator looks for publishing or for Tamil, then there is no publish button and Tamil's fields are out of reach", async () => {
    const page = await as('translatorHi')

    await page.goto(articleURL())
    await workflowPanel(page).getByText('State:').waitFor({ timeout: 60_000 })
    const publishButtons = await page.getByRole('button', { name: /Publish/ }).count()
    await page.getByRole('button', { name: /Locale/ }).click()
    const offeredLocales = await page.locator('.popup__content').first().innerText()
    await page.keyboard.press('Escape')
    await page.goto(articleURL('/translate', 'ta'))
    await page.getByTestId('translate-editor').waitFor({ timeout: 60_000 })
    const translateHeading = await page.locator('.vp-translate h2').innerText()
    const languageChoices = await page.locator('.vp-translate nav').innerText()
    await page.goto(articleURL('', 'ta'))
    await page.locator('#field-title').waitFor({ timeout: 60_000 })
    const formLocale = await page.getByRole('button', { name: /Locale/ }).innerText()
    const titleDisabled = await page.locator('#field-title').isDisabled()

    expect(publishButtons).toBe(0)
    expect(offeredLocales).toContain('हिन्दी')
    expect(offeredLocales).not.toContain('தமிழ்')
    expect(translateHeading).toMatch(/^Translate: हिन्दी/)
    expect(languageChoices).not.toContain('தமிழ்')
    expect(formLocale).toContain('English')
    expect(titleDisabled).toBe(true)
  })

  it('when the Hindi reviewer signs in, then the translation waits on their dashboard and approving it side by side makes it approved and published', async () => {
    const page = await as('reviewer')
    await openDashboard(page)
    const queue = page.getByTestId('review-queue')
    const waiting = await queue.innerText()

    await queue.getByRole('link', { name: /Understanding Bone Metastases/ }).first().click()
    await page.getByTestId('translate-editor').waitFor({ timeout: 60_000 })
    const updatedUnit = page.locator(`[data-testid="translate-group-${article.sectionIds[CHANGED_SECTION]}"] textarea[data-unit$=".explanation"]`).first()
    const readOnly = await updatedUnit.getAttribute('readonly')
    const updated = await updatedUnit.inputValue()
    await page.getByRole('button', { name: 'Approve translation' }).click()
    await page.getByTestId('locale-state').getByText('Approved').waitFor({ timeout: 60_000 })
    await page.goto(`${server.baseURL}/admin/publish-log`)
    const log = await page.getByTestId('publish-log').innerText()
    await screenshot(page, 'publish-log')

    expect(waiting).toMatch(/Understanding Bone Metastases[\s\S]*Translation · hi/)
    expect(readOnly).not.toBeNull()
    expect(updated).toBe(HINDI_UPDATE)
    expect(log).toMatch(/हिन्दी\s+Translation published/)
    expect(log).toMatch(/All languages\s+Published\s+Clinical/)
  })

  it('when the Tamil translator signs in, then the admin, the side-by-side view and the article form speak Tamil, and the article is listed as missing in Tamil', async () => {
    const page = await as('translatorTa')
    await openDashboard(page)
    const language = await page.locator('html').getAttribute('lang')
    const title = await page.getByTestId('role-dashboard').locator('h2').first().innerText()
    const missing = await page.getByTestId('translator-work-ta').getByTestId('missing-translations').innerText()
    const articlesInNav = await page.locator('#nav-articles').innerText()
    await screenshot(page, 'dashboard-translator-tamil')
    await page.goto(articleURL('/translate', 'ta'))
    await page.getByTestId('translate-editor').waitFor({ timeout: 60_000 })
    const saveButton = await page.getByTestId('translate-editor').locator('button').first().innerText()
    await page.goto(articleURL('', 'ta'))
    await page.locator('#field-title').waitFor({ timeout: 60_000 })
    const titleLabel = await page.locator('label[for="field-title"]').innerText()

    expect(language).toBe('ta')
    expect(title).toBe('உங்கள் பணிகள், Tamil Selvi')
    expect(missing).toContain('Understanding Bone Metastases')
    expect(articlesInNav).toBe('கட்டுரைகள்')
    expect(saveButton).toBe('வரைவைச் சேமி')
    expect(titleLabel).toContain('தலைப்பு')
  })

  it('when the Tamil translator switches the admin to English on their account, then their next login, in a browser whose language is Tamil, is in English', async () => {
    const page = await as('translatorTa')
    await page.goto(`${server.baseURL}/admin/account`)
    await page.locator('#language-select').click()
    await page.getByRole('option', { name: 'English' }).click()
    await page.locator('html[lang="en"]').waitFor({ timeout: 60_000 })
    // The choice is saved with the account once the page shows it; another browser then starts from the login.
    const preference = async () => (await api(server.baseURL, '/api/payload-preferences/adminLanguage', { token: staff.translatorTa })).body?.value
    while ((await preference()) !== 'en') await new Promise((resolve) => setTimeout(resolve, 250))
    const otherBrowser = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'ta-IN' })
    const fresh = await otherBrowser.newPage()
    await fresh.goto(`${server.baseURL}/admin/login`)
    const loginPageLanguage = await fresh.locator('html').getAttribute('lang')
    await logInToAdmin(fresh, server.baseURL, PEOPLE.translatorTa.email, PEOPLE.translatorTa.password)
    await fresh.locator('html[lang="en"]').waitFor({ timeout: 60_000 })
    const title = await fresh.getByTestId('role-dashboard').locator('h2').first().innerText()
    const navigation = await fresh.locator('#nav-articles').innerText()
    await otherBrowser.close()

    expect(loginPageLanguage).toBe('ta')
    expect(title).toBe('Your work, Tamil Selvi')
    expect(navigation).toBe('Articles')
  })

  it('when the admin signs in, then the failing webhook endpoint is on the dashboard, the coverage matrix filters by state, and a delivery can be redelivered', async () => {
    await failedDeliveryAttempted(staff.admin)
    const page = await as('admin')
    await openDashboard(page)
    const failing = await page.getByTestId('failing-endpoints').innerText()
    await screenshot(page, 'dashboard-admin')

    await page.goto(`${server.baseURL}/admin/collections/articles/coverage?state=approved`)
    const matrix = page.getByTestId('coverage-matrix')
    await matrix.waitFor({ timeout: 60_000 })
    const cells = await matrix.locator('tr[data-article="bone-metastases"] td[data-state]').evaluateAll((tds) => tds.map((td) => `${td.getAttribute('data-locale')}:${td.getAttribute('data-state')}`))
    await screenshot(page, 'coverage')
    await page.goto(`${server.baseURL}/admin/collections/articles/coverage?state=outdated`)
    const outdatedRows = await page.locator('tr[data-article]').count()
    await page.goto(`${server.baseURL}/admin/webhook-log`)
    await page.getByTestId('webhook-log').getByRole('button', { name: 'Redeliver' }).first().click()
    await page.getByText('Queued for redelivery.').waitFor({ timeout: 60_000 })
    const deliveries = await page.getByTestId('webhook-log').innerText()
    await screenshot(page, 'webhook-log')

    expect(failing).toMatch(/Patient site \(down\)/)
    expect(cells).toEqual(['hi:approved', 'ta:missing'])
    expect(outdatedRows).toBe(0)
    expect(deliveries).toContain('article.published')
  }, 240_000)
})
