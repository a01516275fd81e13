import type { Browser, Page } from 'playwright-core'

import { launchBrowser, logInToAdmin } from '../support/browser'
import { api, login } from '../support/http'
import { startServer, type RunningServer } from '../support/server'
import { articleData, SEEDED } from './builders'

let server: RunningServer
let browser: Browser
let editorToken: string
let specialty: string

async function adminPage(who: keyof typeof SEEDED): Promise<Page> {
  const context = await browser.newContext()
  const page = await context.newPage()
  await logInToAdmin(page, server.baseURL, SEEDED[who].email, SEEDED[who].password)
  return page
}

async function articleInReview(): Promise<string> {
  const created = await api(server.baseURL, '/api/articles?draft=true', { token: editorToken, body: articleData(specialty) })
  const id = created.body.doc.id as string
  await api(server.baseURL, `/api/articles/${id}/transition`, { token: editorToken, body: { to: 'in_review', changeKind: 'clinical' } })
  return id
}

async function openArticle(page: Page, id: string): Promise<void> {
  await page.goto(`${server.baseURL}/admin/collections/articles/${id}`)
  await page.getByText('Review workflow').first().waitFor({ timeout: 60_000 })
  await page.getByText('State:').waitFor({ timeout: 60_000 })
}

const panelButtons = async (page: Page) =>
  (await page.locator('div:has(> h4:text("Review workflow")) button').allTextContents()).map((text) => text.trim())

beforeAll(async () => {
  server = await startServer('workflow-admin')
  browser = await launchBrowser()
  editorToken = await login(server.baseURL, SEEDED.editor.email, SEEDED.editor.password)
  const orthopaedics = await api(server.baseURL, '/api/specialties?where[slug][equals]=orthopaedics', { token: editorToken })
  specialty = orthopaedics.body.docs[0].id
}, 900_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

describe('the workflow in the admin', () => {
  it('when a reviewer opens an article in review, then only Approve and Request changes are offered, and approving moves it on', async () => {
    const id = await articleInReview()
    const page = await adminPage('reviewer')

    await openArticle(page, id)
    const offered = await panelButtons(page)
    await page.getByRole('button', { name: 'Approve' }).click()
    await page.getByText('Approved', { exact: true }).first().waitFor({ timeout: 60_000 })

    expect(offered).toEqual(['Approve', 'Request changes'])
    expect(await panelButtons(page)).toEqual([])
    const draft = await api(server.baseURL, `/api/articles/${id}?draft=true&depth=0`, { token: editorToken })
    expect(draft.body.workflowState).toBe('approved')
  })

  it("when an editor opens an approved article, then the panel's Publish is the only way to publish, and it publishes", async () => {
    const id = await articleInReview()
    const reviewerToken = await login(server.baseURL, SEEDED.reviewer.email, SEEDED.reviewer.password)
    await api(server.baseURL, `/api/articles/${id}/transition`, { token: reviewerToken, body: { to: 'approved' } })
    const page = await adminPage('editor')

    await openArticle(page, id)
    const offered = await panelButtons(page)
    const publishButtonsOnPage = await page.getByRole('button', { name: /^Publish/ }).count()
    await page.getByRole('button', { name: 'Publish', exact: true }).click()
    await page.getByText('Published', { exact: true }).first().waitFor({ timeout: 60_000 })

    expect(offered).toEqual(['Publish'])
    expect(publishButtonsOnPage).toBe(1)
    expect((await api(server.baseURL, `/api/articles/${id}`)).status).toBe(200)
  })

  it('when a translator or the editor opens an article in review, then no workflow button is offered', async () => {
    const id = await articleInReview()

    const translator = await adminPage('translatorHi')
    await openArticle(translator, id)
    const editor = await adminPage('editor')
    await openArticle(editor, id)

    expect(await panelButtons(translator)).toEqual([])
    expect(await panelButtons(editor)).toEqual([])
    await editor.getByText('There is nothing for you to do on this article in its present state.').waitFor()
  })

  it('when an editor follows "Reviews due" from the articles list, then the view lists the never-reviewed seeded article first, marked "Never reviewed"', async () => {
    const page = await adminPage('editor')

    await page.goto(`${server.baseURL}/admin/collections/articles`)
    // The list's own button, not the navigation's "Your work" link to the same view.
    await page.getByRole('link', { name: 'Reviews due' }).and(page.locator('a.btn')).click()
    await page.getByRole('heading', { name: 'Reviews due' }).waitFor({ timeout: 60_000 })
    const firstRow = page.locator('tbody tr').first()

    await firstRow.getByRole('link', { name: /Understanding Bone Metastases/ }).waitFor()
    expect(await firstRow.textContent()).toContain('Never reviewed')
  })
})
