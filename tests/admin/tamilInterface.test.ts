import type { Browser, Page } from 'playwright-core'

import { seedArticle, signInStaff, type SeedArticle } from '../localization/support/library'
import { launchBrowser, logInToAdmin } from '../support/browser'
import { api } from '../support/http'
import { startServer, type RunningServer } from '../support/server'

/**
 * A translator whose admin language is Tamil, in a real browser against the production build:
 * the forms they open name every field, explain it and show its options in Tamil, not English.
 */

const TRANSLATOR_TA = { email: 'translator.ta@vitalpress.example', password: 'vitalpress-staff' }

let server: RunningServer
let browser: Browser
let page: Page
let article: SeedArticle
let specialtyId: string

const labelOf = (fieldPath: string) => page.locator(`label[for="field-${fieldPath}"]`).first().innerText()
/** The field's description as the form shows it, under the input. */
const descriptionOf = (fieldPath: string) => page.locator(`.field-description-${fieldPath}`).first().innerText()

beforeAll(async () => {
  server = await startServer('tamil-interface')
  browser = await launchBrowser()
  const staff = await signInStaff(server.baseURL)
  article = await seedArticle(server.baseURL, staff.editor)
  const specialties = await api(server.baseURL, '/api/specialties?limit=1&depth=0&sort=name', { token: staff.translatorTa })
  specialtyId = specialties.body.docs[0].id
  const context = await browser.newContext({ viewport: { width: 1440, height: 1400 } })
  page = await context.newPage()
  await logInToAdmin(page, server.baseURL, TRANSLATOR_TA.email, TRANSLATOR_TA.password)
}, 900_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

describe('the admin for a translator whose interface language is Tamil', () => {
  it('when they open the article form, then its field labels, descriptions and workflow state are Tamil and the English ones are gone', async () => {
    await page.goto(`${server.baseURL}/admin/collections/articles/${article.id}?locale=ta`)
    await page.locator('#field-title').waitFor({ timeout: 60_000 })
    await page.locator('html[lang="ta"]').waitFor({ timeout: 60_000 })
    const title = await labelOf('title')
    const slug = await labelOf('slug')
    const changelogNote = await labelOf('changelogNote')
    const slugDescription = await descriptionOf('slug')
    const workflowState = await labelOf('workflowState')
    // The select shows its value once it has hydrated; the label and description come first.
    const chosen = page.locator('#field-workflowState .rs__single-value')
    await chosen.waitFor({ timeout: 60_000 })
    const workflowStateValue = await chosen.innerText()
    const screen = await page.locator('body').innerText()

    expect(title).toContain('தலைப்பு')
    expect(slug).toContain('சுருக்கப்பெயர்')
    expect(changelogNote).toContain('மாற்றக் குறிப்பு')
    expect(slugDescription).toBe('எல்லா மொழிகளிலும் ஒன்றே; இணைய முகவரிகளிலும் கோப்புப் பெயர்களிலும் பயன்படுகிறது.')
    expect(workflowState).toContain('பணிப்பாய்வு நிலை')
    expect(workflowStateValue).toContain('வெளியிடப்பட்டது')
    expect(screen).toContain('கட்டுரையின் உடல், வாசிப்பு வரிசையில்.')
    for (const english of [
      'Changelog note',
      'Featured doctors',
      'Workflow state',
      'The same in every language; used in URLs and file names.',
      'The article body, in reading order.',
      'Where the source-language content stands in review.',
    ]) {
      expect(screen).not.toContain(english)
    }
  })

  it('when they open a specialty, then its group, fields and descriptions are Tamil and the English ones are gone', async () => {
    await page.goto(`${server.baseURL}/admin/collections/specialties/${specialtyId}`)
    await page.locator('#field-name').waitFor({ timeout: 60_000 })
    const name = await labelOf('name')
    const interval = await labelOf('reviewIntervalMonths')
    const intervalDescription = await descriptionOf('reviewIntervalMonths')
    const screen = await page.locator('body').innerText()

    expect(name).toContain('பெயர்')
    expect(interval).toContain('மதிப்பாய்வு இடைவெளி (மாதங்கள்)')
    expect(intervalDescription).toBe('இந்தச் சிறப்புப் பிரிவின் கட்டுரைகள் ஒரு மருத்துவரால் எத்தனை மாதங்களுக்கு ஒருமுறை மதிப்பாய்வு செய்யப்படுகின்றன.')
    expect(screen).toContain('மருத்துவரின் பட்டப்பெயர்')
    expect(screen).toContain('ஒருமை')
    for (const english of ['Review Interval Months', 'Doctor Title', 'Singular', 'How often articles of this specialty are reviewed by a clinician.']) {
      expect(screen).not.toContain(english)
    }
  })

  it('when they list the articles, then the workflow state column and its values are Tamil', async () => {
    await page.goto(`${server.baseURL}/admin/collections/articles`)
    const table = page.locator('.table table')
    await table.waitFor({ timeout: 60_000 })
    const headings = (await table.locator('thead th').allInnerTexts()).map((heading) => heading.trim())
    const states = (await table.locator('tbody td.cell-workflowState').allInnerTexts()).map((state) => state.trim())

    expect(headings).toContain('பணிப்பாய்வு நிலை')
    expect(headings).not.toContain('Workflow state')
    expect(states).toContain('வெளியிடப்பட்டது')
    expect(states.filter((state) => /[A-Za-z]/.test(state))).toEqual([])
  })
})
