import fs from 'node:fs'
import path from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'

import { findTestPrerequisites } from '../../scripts/lib/testPrerequisites.mjs'

/** The Chromium `npm test` found (or installed); found again when jest is run on its own. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || findTestPrerequisites().chromium || '/usr/bin/chromium'

/** A Chromium, headless; without the background-networking flags it dials out at start. */
export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`No Chromium at ${CHROMIUM_PATH}: run the tests with \`npm test\`, which finds or installs one, or set CHROMIUM_PATH.`)
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  })
}

/** Logs in through the admin's own login form and waits for the dashboard. */
export async function logInToAdmin(page: Page, baseURL: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseURL}/admin/login`)
  await page.locator('input[name="email"]').fill(email)
  await page.locator('input[name="password"]').fill(password)
  await page.locator('button[type="submit"]').click()
  await page.waitForURL((url) => !url.pathname.endsWith('/login'), { timeout: 60_000 })
}

/** Where the browser tests write the screenshots the README shows. */
export const SCREENSHOTS_DIR = path.resolve('docs/screenshots')

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS_DIR, { recursive: true })
  await page.screenshot({ path: path.join(SCREENSHOTS_DIR, `${name}.png`) })
}

export type Credentials = { email: string; password: string }

/**
 * One signed-in browser context per person, kept for a test file's whole flow as people keep their
 * tabs open. The browser and the server's address are read when a person first signs in.
 */
export function signedInPages<Who extends string>(people: Record<Who, Credentials>, session: () => { browser: Browser; baseURL: string }): (who: Who) => Promise<Page> {
  const pages = new Map<Who, Page>()
  return async (who) => {
    const open = pages.get(who)
    if (open) return open
    const { browser, baseURL } = session()
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
    const page = await context.newPage()
    await logInToAdmin(page, baseURL, people[who].email, people[who].password)
    pages.set(who, page)
    return page
  }
}
