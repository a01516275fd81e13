import fs from 'node:fs'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'

import { seedArticle, signInStaff, translateWhole, translationsOf, type SeedArticle, type Staff } from '../localization/support/library'
import { launchBrowser, screenshot, signedInPages } from '../support/browser'
import { runScript } from '../support/cli'
import { api } from '../support/http'
import { startServer, type RunningServer } from '../support/server'

/**
 * The article's Preview tab in a real browser against the production build: what each language's
 * readers get now (checked against the file the publisher wrote) and what the draft will read as,
 * with the workflow's actions beside it. Writes the screenshots README's admin section shows.
 */

const PEOPLE = {
  editor: { email: 'editor@vitalpress.example', password: 'vitalpress-staff' },
  reviewer: { email: 'reviewer@vitalpress.example', password: 'vitalpress-staff' },
  translatorHi: { email: 'translator.hi@vitalpress.example', password: 'vitalpress-staff' },
} as const
const DRAFT_SUMMARY = 'Bone metastases are cancer that has spread to bone; this page explains the signs, the tests and the treatments that ease pain and protect the bones.'
const HINDI_PREFIX = 'हिं '

let server: RunningServer
let browser: Browser
let staff: Staff
let article: SeedArticle
const as = signedInPages(PEOPLE, () => ({ browser, baseURL: server.baseURL }))

const previewURL = (query: { locale?: string; mode?: 'draft' | 'published' } = {}) => {
  const search = new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined)).toString()
  return `${server.baseURL}/admin/collections/articles/${article.id}/preview${search ? `?${search}` : ''}`
}

async function openPreview(page: Page, query: Parameters<typeof previewURL>[0] = {}): Promise<void> {
  await page.goto(previewURL(query))
  await page.getByTestId('preview-mode').waitFor({ timeout: 60_000 })
}

/** The published file of the seed article in one language, as downstream sites read it. */
function publishedFile(locale: string) {
  return JSON.parse(fs.readFileSync(path.join(server.env.PUBLISH_DIR, locale, 'articles', 'bone-metastases.json'), 'utf8'))
}

const workflowPanel = (page: Page) => page.locator('div:has(> h4:text("Review workflow"))').first()

beforeAll(async () => {
  server = await startServer('preview-admin')
  browser = await launchBrowser()
  staff = await signInStaff(server.baseURL)
  article = await seedArticle(server.baseURL, staff.editor)
  // The files downstream sites read now, for the Published preview to be held against.
  const published = await runScript('scripts/publish-all.ts', [], server.env)
  if (published.code !== 0) throw new Error(`publish:all failed:\n${published.output}`)
  // A Hindi translation waiting for review: not approved, so Hindi readers still get English.
  await translateWhole(server.baseURL, staff.translatorHi, article.id, 'hi', HINDI_PREFIX)
}, 900_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

describe('the reader preview in the admin', () => {
  it('when an editor changes the summary of the published seed article, then the Draft preview shows the new summary and the Published preview the old one', async () => {
    const page = await as('editor')
    await openPreview(page, { locale: 'en', mode: 'draft' })
    const modeBeforeEdit = await page.getByTestId('preview-mode').innerText()
    const saved = await api(server.baseURL, `/api/articles/${article.id}?draft=true&locale=en`, { method: 'PATCH', token: staff.editor, body: { summary: DRAFT_SUMMARY } })

    await openPreview(page, { locale: 'en', mode: 'draft' })
    const draftText = await page.getByTestId('preview-article').innerText()
    const draftMode = await page.getByTestId('preview-mode').innerText()
    await workflowPanel(page).getByText('State:').waitFor({ timeout: 60_000 })
    await screenshot(page, 'preview-draft')
    await page.getByTestId('preview-modes').getByRole('link', { name: 'Published' }).click()
    await page.locator('[data-testid="preview-mode"][data-mode="published"]').waitFor({ timeout: 60_000 })
    const publishedText = await page.getByTestId('preview-article').innerText()
    const file = publishedFile('en')

    expect(modeBeforeEdit).toBe('Draft: nothing is waiting for review; the current draft is the published version.')
    expect(saved.status).toBe(200)
    expect(draftMode).toMatch(/^Draft, not yet published/)
    expect(draftText).toContain(DRAFT_SUMMARY)
    expect(publishedText).not.toContain(DRAFT_SUMMARY)
    expect(publishedText).toContain(file.summary)
    expect(publishedText).toContain(file.lastUpdated.label)
    expect(await page.getByTestId('preview-section').count()).toBe(file.sections.length)
    expect(await page.getByTestId('preview-doctor').locator('h3').allInnerTexts()).toEqual(file.doctors.items.map((doctor: { name: string }) => doctor.name))
  })

  it('when the Hindi preview of the published version is opened while Hindi has no approved translation, then it shows the English text under the Hindi fallback notice of the published file', async () => {
    const page = await as('editor')

    await openPreview(page, { locale: 'hi', mode: 'published' })
    const notice = await page.getByTestId('preview-fallback-notice').innerText()
    const title = await page.getByTestId('preview-title').innerText()
    const dates = await page.getByTestId('preview-dates').innerText()
    const doctorsHeading = await page.getByTestId('preview-doctors').locator('h2').innerText()
    const contentLanguage = await page.getByTestId('preview-article').getAttribute('lang')
    const languages = await page.getByTestId('preview-languages').getByRole('link').allInnerTexts()
    const termLists = await page.getByTestId('preview-section').locator('li strong').allInnerTexts()
    await screenshot(page, 'preview-hindi-fallback')
    await page.getByTestId('preview-doctors').scrollIntoViewIfNeeded()
    await screenshot(page, 'preview-doctor-cards')
    const file = publishedFile('hi')
    const fileTerms = file.sections.flatMap((section: { content: Array<{ type: string; items?: Array<{ term: string; subItems: Array<{ term: string }> }> }> }) =>
      section.content.flatMap((block) => (block.items ?? []).flatMap((item) => [item.term, ...item.subItems.map((sub) => sub.term)])),
    )

    expect(file.translation.fallback).toBe(true)
    expect(notice).toBe(file.translation.notice)
    expect(title).toBe(file.title)
    expect(title).not.toContain(HINDI_PREFIX)
    expect(dates).toContain(file.lastUpdated.label)
    expect(doctorsHeading).toBe(file.doctors.heading)
    expect(termLists.length).toBeGreaterThan(0)
    expect(termLists).toEqual(fileTerms.map((term: string) => `${term}:`))
    expect(contentLanguage).toBe('en')
    expect(languages).toEqual(['English', 'हिन्दी', 'தமிழ்'])
  })

  it('when the reviewer approves the submitted change from the preview, then the article is approved', async () => {
    const submitted = await api(server.baseURL, `/api/articles/${article.id}/transition`, { token: staff.editor, body: { to: 'in_review', changeKind: 'editorial' } })
    const page = await as('reviewer')

    await openPreview(page, { locale: 'en', mode: 'draft' })
    await workflowPanel(page).getByText('In review', { exact: true }).waitFor({ timeout: 60_000 })
    const shownSummary = await page.getByTestId('preview-article').innerText()
    const offered = (await workflowPanel(page).locator('button').allInnerTexts()).map((text) => text.trim())
    await screenshot(page, 'preview-approve')
    await workflowPanel(page).getByRole('button', { name: 'Approve' }).click()
    await workflowPanel(page).getByText('Approved', { exact: true }).waitFor({ timeout: 60_000 })
    const draft = await api(server.baseURL, `/api/articles/${article.id}?draft=true&depth=0`, { token: staff.editor })

    expect(submitted.status).toBe(200)
    expect(shownSummary).toContain(DRAFT_SUMMARY)
    expect(offered).toEqual(['Approve', 'Request changes'])
    expect(draft.body.workflowState).toBe('approved')
    expect(draft.body.summary).toBe(DRAFT_SUMMARY)
  })

  it('when the Hindi translator opens the preview, then it is their Hindi draft, marked not yet approved, and no other language is offered or opened', async () => {
    const page = await as('translatorHi')

    await openPreview(page)
    const mode = await page.getByTestId('preview-mode').innerText()
    const title = await page.getByTestId('preview-title').innerText()
    const direction = await page.getByTestId('preview-article').getAttribute('dir')
    const notices = await page.getByTestId('preview-fallback-notice').count()
    const languages = await page.getByTestId('preview-languages').getByRole('link').allInnerTexts()
    await screenshot(page, 'preview-translator')
    await page.goto(previewURL({ locale: 'ta' }))
    const refused = await page.getByTestId('preview-refused').innerText({ timeout: 60_000 })
    const tamilShown = await page.getByTestId('preview-article').count()

    expect(mode).toMatch(/^Draft of the हिन्दी translation, not yet approved \(In review\)/)
    expect(title.startsWith(HINDI_PREFIX)).toBe(true)
    expect(direction).toBe('ltr')
    expect(notices).toBe(0)
    expect(languages).toEqual(['हिन्दी'])
    expect(refused).toContain('You translate into हिन्दी')
    expect(tamilShown).toBe(0)
  })

  it('when the reviewer approves the Hindi translation from its preview, then it is approved and the Hindi Published preview shows it without a fallback notice', async () => {
    const page = await as('reviewer')

    await openPreview(page, { locale: 'hi', mode: 'draft' })
    const panel = page.getByTestId('preview-locale-actions')
    const offered = (await panel.locator('button').allInnerTexts()).map((text) => text.trim())
    await panel.getByRole('button', { name: 'Approve translation' }).click()
    await panel.getByText('State: Approved').waitFor({ timeout: 60_000 })
    const translations = await translationsOf(server.baseURL, staff.editor, article.id)
    await openPreview(page, { locale: 'hi', mode: 'published' })
    const title = await page.getByTestId('preview-title').innerText()
    const notices = await page.getByTestId('preview-fallback-notice').count()

    expect(offered).toEqual(['Approve translation', 'Send translation back'])
    expect(translations.hi.state).toBe('approved')
    expect(title.startsWith(HINDI_PREFIX)).toBe(true)
    expect(notices).toBe(0)
  })
})
