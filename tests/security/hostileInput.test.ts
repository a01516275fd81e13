import fs from 'node:fs'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'

import { api, login } from '../support/http'
import { decompressionBombPng } from '../support/images'
import { launchBrowser, logInToAdmin } from '../support/browser'
import { startServer, type RunningServer } from '../support/server'
import { startSmtpServer, type ReceivedMessage, type TestSmtpServer } from '../support/smtpServer'
import { pngImage } from './support/builders'
import { hostile, hostileRichText, htmlFindings, htmlValues, JAVASCRIPT_URL, MARK, scriptFindings } from './support/hostile'

const SMTP_PASSWORD = 'smtp-Pa55word-never-in-logs'
const MEDIA_MAX_BYTES = 1024 * 1024
const READER = 'xss.reader@readers.example'

let smtp: TestSmtpServer
let server: RunningServer
let browser: Browser
const token = { admin: '', editor: '', reviewer: '', translatorHi: '' }
const ids = { article: '', specialty: '', clinic: '', doctor: '', media: '', user: '', webhookEndpoint: '', send: '' }
let webhookSecret = ''
let published: Record<string, unknown>
let updateEmail: Awaited<ReturnType<ReceivedMessage['parse']>>
let nextAddress = 1

const call = (pathname: string, options: Parameters<typeof api>[2] = {}) =>
  api(server.baseURL, pathname, { ...options, headers: { 'X-Forwarded-For': `198.18.0.${nextAddress++ % 250}`, ...options.headers } })

async function created(pathname: string, body: unknown, as = token.admin): Promise<Record<string, any>> {
  const response = await call(pathname, { method: 'POST', body, token: as })
  if (response.status !== 201) throw new Error(`Setting up ${pathname} failed with ${response.status}: ${JSON.stringify(response.body)}`)
  return response.body
}

async function count(collection: string): Promise<number> {
  const response = await call(`/api/${collection}?limit=1&depth=0&draft=true`, { token: token.admin })
  return response.body.totalDocs
}

/** Files under a folder, relative to it, so a refused upload can be shown to have written none. */
function filesUnder(folder: string): string[] {
  if (!fs.existsSync(folder)) return []
  return fs.readdirSync(folder, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name))
}

async function until<T>(what: string, check: () => Promise<T | undefined> | T | undefined, attempts = 480): Promise<T> {
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    const value = await check()
    if (value !== undefined) return value
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error(`Waited in vain for ${what}:\n${server.output().slice(-3000)}`)
}

const mailTo = (address: string) => smtp.accepted.filter((message) => message.recipients.includes(address))

/** A multipart upload with a file name exactly as given (bytes and all), as a hostile client sends it. */
function upload(fileName: Buffer | string, file: Buffer, fields = '{"alt":"An image"}', contentType = 'image/png') {
  const boundary = '----hostile-corpus'
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_payload"\r\n\r\n${fields}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="`),
    Buffer.isBuffer(fileName) ? fileName : Buffer.from(fileName, 'utf8'),
    Buffer.from(`"\r\nContent-Type: ${contentType}\r\n\r\n`),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ])
  return fetch(`${server.baseURL}/api/media`, {
    method: 'POST',
    headers: { Authorization: `JWT ${token.editor}`, 'Content-Type': `multipart/form-data; boundary=${boundary}` },
    body: new Uint8Array(body),
  }).then(async (response) => ({ status: response.status, body: await response.json() }))
}

beforeAll(async () => {
  smtp = await startSmtpServer()
  server = await startServer('hostile-input', {
    SMTP_URL: `smtp://vitalpress:${SMTP_PASSWORD}@127.0.0.1:${smtp.port}`,
    TRUSTED_PROXY_HOPS: '1',
    JOBS_CRON: '* * * * * *',
    MEDIA_MAX_BYTES: String(MEDIA_MAX_BYTES),
    LOG_LEVEL: 'debug',
  })
  token.admin = await login(server.baseURL, 'admin@vitalpress.example', 'vitalpress-admin')
  token.editor = await login(server.baseURL, 'editor@vitalpress.example', 'vitalpress-staff')
  token.reviewer = await login(server.baseURL, 'reviewer@vitalpress.example', 'vitalpress-staff')
  token.translatorHi = await login(server.baseURL, 'translator.hi@vitalpress.example', 'vitalpress-staff')

  // Hostile text in every text and rich-text field that reaches readers, subscribers or the admin.
  ids.user = (await created('/api/users', { email: 'xss.author@vitalpress.example', name: hostile('user name'), password: 'xss-author-password', roles: ['editor'] })).doc.id
  ids.specialty = (
    await created('/api/specialties', { name: hostile('specialty name'), slug: 'xss-specialty', doctorTitle: { singular: hostile('doctor title'), plural: hostile('doctor titles') } })
  ).doc.id
  ids.clinic = (await created('/api/clinics', { name: hostile('clinic name'), city: hostile('clinic city') })).doc.id
  ids.doctor = (
    await created('/api/doctors', {
      name: hostile('doctor name'),
      specialty: ids.specialty,
      clinic: ids.clinic,
      practicingSince: 2012,
      qualifications: [{ qualification: hostile('qualification') }],
      registrationNumber: hostile('registration number'),
      active: true,
    })
  ).doc.id
  const image = await upload('hostile-hero.png', await pngImage(), JSON.stringify({ alt: hostile('alt text'), credit: hostile('credit') }))
  if (image.status !== 201) throw new Error(`Uploading the hero image failed: ${JSON.stringify(image.body)}`)
  ids.media = image.body.doc.id
  const endpoint = await created('/api/webhook-endpoints', { name: hostile('webhook name'), url: 'https://hooks.example.org/vitalpress', events: ['article.published'] })
  ids.webhookEndpoint = endpoint.doc.id
  webhookSecret = endpoint.doc.secret

  const subscribed = await call('/api/newsletter/subscribe', { body: { email: READER, locale: 'en', specialties: ['xss-specialty'] } })
  if (subscribed.status !== 202) throw new Error(`Subscribing failed: ${JSON.stringify(subscribed.body)}`)
  const confirmation = await (await smtp.waitForAccepted(1)).find((message) => message.recipients.includes(READER))!.parse()
  const link = new URL(/https?:\/\/\S+\/api\/newsletter\/confirm\?token=[\w%.-]+/.exec(confirmation.text ?? '')![0])
  await fetch(`${server.baseURL}${link.pathname}${link.search}`)

  ids.article = (
    await created(
      '/api/articles?draft=true',
      {
        title: hostile('title'),
        slug: 'xss-article',
        summary: hostile('summary'),
        specialty: ids.specialty,
        author: ids.user,
        byline: hostile('byline'),
        heroImage: ids.media,
        featuredDoctors: [ids.doctor],
        changelogNote: hostile('changelog note'),
        references: [{ citation: hostile('citation'), url: 'https://example.org/reference' }],
        sections: [
          {
            heading: hostile('heading'),
            content: [
              { blockType: 'prose', body: hostileRichText('prose') },
              { blockType: 'termList', items: [{ term: hostile('term'), explanation: hostile('explanation'), subItems: [{ term: hostile('sub-term'), explanation: hostile('sub-explanation') }] }] },
            ],
          },
        ],
      },
      token.editor,
    )
  ).doc.id
  for (const [as, body] of [
    [token.editor, { to: 'in_review', changeKind: 'clinical' }],
    [token.reviewer, { to: 'approved', note: hostile('review note'), referencesChecked: true }],
    [token.editor, { to: 'published', note: hostile('publish note') }],
  ] as const) {
    const moved = await call(`/api/articles/${ids.article}/transition`, { body, token: as })
    if (moved.status !== 200) throw new Error(`Moving the article to ${body.to} failed with ${moved.status}: ${JSON.stringify(moved.body)}`)
  }
  const translated = await call(`/api/articles/${ids.article}?locale=hi&draft=true`, { method: 'PATCH', token: token.translatorHi, body: { title: hostile('hindi title') } })
  if (translated.status !== 200) throw new Error(`Translating failed: ${JSON.stringify(translated.body)}`)

  const file = path.join(server.env.PUBLISH_DIR, 'en', 'articles', 'xss-article.json')
  published = await until('the published article', () => (fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : undefined))
  updateEmail = await until('the update email', async () => (mailTo(READER).length >= 2 ? mailTo(READER)[1].parse() : undefined))
  ids.send = (await call('/api/newsletter-sends?limit=1&depth=0', { token: token.admin })).body.docs[0]?.id
  browser = await launchBrowser()
}, 600_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
  await smtp?.stop()
})

describe('script injection in every text and rich-text field', () => {
  let page: Page

  beforeAll(async () => {
    page = await browser.newPage()
  })
  afterAll(() => page?.close())

  it('when the hostile article is published, then no HTML in any published file holds a script, a handler, a frame or a script address, while the text is still there', async () => {
    const files = filesUnder(server.env.PUBLISH_DIR).filter((file) => file.endsWith('.json'))
    const htmls = files.flatMap((file) => htmlValues(JSON.parse(fs.readFileSync(file, 'utf8'))))

    const findings = []
    for (const html of htmls) findings.push(...(await htmlFindings(page, html)))

    expect(htmlValues(published).length).toBeGreaterThan(0)
    expect(htmlValues(published).join('\n')).toContain(MARK)
    expect(findings).toEqual([])
  })

  it('when the published HTML is put into a page, then none of the injected scripts runs', async () => {
    await page.setContent(`<!doctype html><html><body>${htmlValues(published).join('\n')}</body></html>`)

    const findings = await scriptFindings(page)

    expect(findings).toEqual({ ran: 0, planted: [], shown: true })
  })

  it('when the subscriber gets the update email, then its HTML runs nothing and its text and subject carry the words without any markup', async () => {
    await page.setContent(String(updateEmail.html))

    const findings = await scriptFindings(page)

    expect(findings).toEqual({ ran: 0, planted: [], shown: true })
    expect(updateEmail.subject).toContain(MARK)
    expect(updateEmail.subject).not.toMatch(/<\s*(script|img|svg|iframe)/i)
    expect(updateEmail.text).toContain(MARK)
    expect(updateEmail.text).not.toMatch(/<\s*(script|img|svg|iframe)|onerror=|onload=/i)
  })

  it('when the subscriber opens the unsubscribe page, then it shows the hostile topic names as text and runs nothing', async () => {
    const subscriber = (await call(`/api/subscribers?where[email][equals]=${encodeURIComponent(READER)}&depth=0`, { token: token.admin })).body.docs[0]
    const link = /https?:\/\/\S+\/api\/newsletter\/unsubscribe\?token=[\w%.-]+/.exec(String(updateEmail.text))![0]

    await page.goto(`${server.baseURL}${new URL(link).pathname}${new URL(link).search}`)
    const findings = await scriptFindings(page)

    expect(subscriber.email).toBe(READER)
    expect(findings).toEqual({ ran: 0, planted: [], shown: true })
  })

  describe('in the admin, signed in as the admin', () => {
    let admin: Page
    const dialogs: string[] = []

    beforeAll(async () => {
      admin = await browser.newPage()
      admin.on('dialog', (dialog) => {
        dialogs.push(dialog.message())
        void dialog.dismiss()
      })
      await logInToAdmin(admin, server.baseURL, 'admin@vitalpress.example', 'vitalpress-admin')
    }, 120_000)
    afterAll(() => admin?.close())

    const pages = () => [
      ['the dashboard', '/admin'],
      ['the list of articles', '/admin/collections/articles'],
      ['the article', `/admin/collections/articles/${ids.article}`],
      ['the article in Hindi', `/admin/collections/articles/${ids.article}?locale=hi`],
      ['the review view', `/admin/collections/articles/${ids.article}/review`],
      ['the translate view', `/admin/collections/articles/${ids.article}/translate?locale=hi`],
      ['the article’s versions', `/admin/collections/articles/${ids.article}/versions`],
      ['reviews due', '/admin/collections/articles/review-due'],
      ['translation coverage', '/admin/collections/articles/coverage'],
      ['the doctors', '/admin/collections/doctors'],
      ['the doctor', `/admin/collections/doctors/${ids.doctor}`],
      ['the specialty', `/admin/collections/specialties/${ids.specialty}`],
      ['the clinics', '/admin/collections/clinics'],
      ['the image', `/admin/collections/media/${ids.media}`],
      ['the user', `/admin/collections/users/${ids.user}`],
      ['the workflow events', '/admin/collections/workflow-events'],
      ['the webhook endpoints', '/admin/collections/webhook-endpoints'],
      ['the publish log', '/admin/publish-log'],
      ['the webhook log', '/admin/webhook-log'],
      ['the newsletter log', '/admin/newsletter-log'],
      ['the newsletter send', `/admin/collections/newsletter-sends/${ids.send}`],
    ]

    it('when the admin opens every page that shows the hostile values, then each shows them as text and none of the injected scripts runs', async () => {
      const results: Record<string, unknown> = {}
      for (const [name, pathname] of pages()) {
        await admin.goto(`${server.baseURL}${pathname}`, { waitUntil: 'networkidle', timeout: 60_000 })
        results[name] = await scriptFindings(admin)
      }

      const harmful = Object.entries(results).filter(([, found]) => (found as { ran: number; planted: string[] }).ran > 0 || (found as { planted: string[] }).planted.length > 0)
      const shownOn = Object.entries(results).filter(([, found]) => (found as { shown: boolean }).shown).map(([name]) => name)

      expect(harmful).toEqual([])
      expect(dialogs).toEqual([])
      expect(shownOn).toEqual(expect.arrayContaining(['the article', 'the list of articles', 'the doctor', 'the workflow events', 'the review view']))
    }, 600_000)
  })
})

describe('links to scripts', () => {
  const article = (prose: unknown, referenceUrl = 'https://example.org/reference') => ({
    title: 'Links',
    slug: `links-${nextAddress++}`,
    summary: 'x',
    specialty: ids.specialty,
    references: [{ citation: 'A reference', url: referenceUrl }],
    sections: [{ heading: 'Links', content: [{ blockType: 'prose', body: prose }] }],
  })

  it.each([
    ['a javascript: address', JAVASCRIPT_URL],
    ['a javascript: address hidden by a tab and capitals', 'Java\tScript:window.__xss=1'],
    ['a data: address', 'data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg=='],
    ['a vbscript: address', 'vbscript:msgbox(1)'],
  ])('when an editor saves a draft whose text links to %s, then it is refused naming the link, and no article is written', async (_what, address) => {
    const before = await count('articles')

    const response = await call('/api/articles?draft=true', { token: token.editor, body: article(hostileRichText('prose', address)) })

    expect(response.status).toBe(400)
    expect(response.body.errors[0].data).toEqual({ code: 'LINK_ADDRESS_UNSAFE', paths: ['sections.0.content.0.body.root.children.1.children.0'] })
    expect(response.body.errors[0].message).toContain('Links may point to web pages (https://…), email (mailto:) or phone numbers (tel:) only')
    expect(await count('articles')).toBe(before)
  })

  it('when an editor saves a draft whose reference points to a script, then it is refused, and no article is written', async () => {
    const before = await count('articles')

    const response = await call('/api/articles?draft=true', { token: token.editor, body: article(hostileRichText('prose'), JAVASCRIPT_URL) })

    expect(response.status).toBe(400)
    expect(response.body.errors[0].data).toEqual({ code: 'LINK_ADDRESS_UNSAFE', paths: ['references.0.url'] })
    expect(await count('articles')).toBe(before)
  })

  it('when an editor changes a link of an existing article to a script, then the change is refused and the article keeps its link', async () => {
    const draft = await call(`/api/articles/${ids.article}?draft=true&depth=0`, { token: token.editor })

    const response = await call(`/api/articles/${ids.article}?draft=true`, {
      method: 'PATCH',
      token: token.editor,
      body: { sections: [{ ...draft.body.sections[0], content: [{ ...draft.body.sections[0].content[0], body: hostileRichText('prose', JAVASCRIPT_URL) }] }] },
    })
    const after = await call(`/api/articles/${ids.article}?draft=true&depth=0`, { token: token.editor })

    expect(response.status).toBe(400)
    expect(response.body.errors[0].data.code).toBe('LINK_ADDRESS_UNSAFE')
    expect(after.body.sections).toEqual(draft.body.sections)
  })
})

describe('path traversal and NUL bytes in slugs and file names', () => {
  it.each([
    ['../../etc/passwd', 'The slug "../../etc/passwd" contains a slash, "..".'],
    ['..\\..\\windows\\win.ini', 'The slug "..\\..\\windows\\win.ini" contains a slash, "..".'],
    ['bone-metastases/../../x', 'The slug "bone-metastases/../../x" contains a slash, "..".'],
    ['evil\u0000.json', 'The slug "evil\\0.json" contains a NUL byte.'],
    ['%2e%2e%2fetc', 'The slug "%2e%2e%2fetc" contains characters outside the allowed set.'],
    ['Index.JSON', 'The slug "Index.JSON" contains upper-case letters.'],
  ])('when an editor saves an article with the slug %j, then it is refused with 400 saying what is wrong, and no article is written', async (slug, problem) => {
    const before = await count('articles')

    const response = await call('/api/articles?draft=true', {
      token: token.editor,
      body: { title: 'Traversal', slug, summary: 'x', specialty: ids.specialty, sections: [] },
    })

    expect(response.status).toBe(400)
    expect(response.body.errors[0].data.errors).toEqual([
      { path: 'slug', message: `${problem} A slug may contain only lower-case letters a–z, digits 0–9 and single hyphens between them, such as "bone-metastases".` },
    ])
    expect(await count('articles')).toBe(before)
  })

  it('when an editor renames a published article’s slug to a path, then the change is refused and the slug stays', async () => {
    const response = await call(`/api/articles/${ids.article}?draft=true`, { method: 'PATCH', token: token.editor, body: { slug: '../../../tmp/evil' } })
    const after = await call(`/api/articles/${ids.article}?draft=true&depth=0`, { token: token.editor })

    expect(response.status).toBe(400)
    expect(response.body.errors[0].data.errors[0].path).toBe('slug')
    expect(after.body.slug).toBe('xss-article')
  })

  it('when an admin saves a specialty whose slug climbs folders, then it is refused and none is written', async () => {
    const before = await count('specialties')

    const response = await call('/api/specialties', { token: token.admin, body: { name: 'Traversal', slug: '../specialties/x', doctorTitle: { singular: 'A', plural: 'B' } } })

    expect(response.status).toBe(400)
    expect(response.body.errors[0].data.errors[0]).toMatchObject({ path: 'slug', message: expect.stringContaining('contains a slash, ".."') })
    expect(await count('specialties')).toBe(before)
  })

  it.each([
    ['a relative path', '../../evil.png', 'The file name "../../evil.png" contains a folder separator, ".." or a control character.'],
    ['a Windows path', '..\\..\\evil.png', 'The file name "..\\..\\evil.png" contains a folder separator, ".." or a control character.'],
    ['an absolute path', '/etc/cron.d/evil.png', 'The file name "/etc/cron.d/evil.png" contains a folder separator, ".." or a control character.'],
    ['a percent-encoded NUL byte', "x\"; filename*=UTF-8''evil%00.png.html; a=\"", 'The file name "evil?.png.html" contains a folder separator, ".." or a control character.'],
  ])('when an image is uploaded with %s as its file name, then it is refused with 400 and no file is written anywhere', async (_what, fileName, message) => {
    const before = { media: await count('media'), files: filesUnder(server.env.MEDIA_DIR) }

    const response = await upload(fileName, await pngImage())

    expect(response.status).toBe(400)
    expect(response.body.errors[0]).toMatchObject({ data: { code: 'MEDIA_FILE_NAME_INVALID' }, message: `${message} Rename the file (letters, digits, hyphens) and upload it again.` })
    expect({ media: await count('media'), files: filesUnder(server.env.MEDIA_DIR) }).toEqual(before)
    expect(['evil.png', '../evil.png', '../../evil.png'].filter((name) => fs.existsSync(path.resolve(server.env.MEDIA_DIR, name)))).toEqual([])
  })

  it('when the file name holds a raw NUL byte, then the upload is refused as a malformed form and nothing is written', async () => {
    const before = await count('media')

    const response = await upload(Buffer.from([0x65, 0x76, 0x00, 0x69, 0x6c, 0x2e, 0x70, 0x6e, 0x67]), await pngImage())

    expect(response.status).toBe(400)
    expect(response.body.code).toBe('REQUEST_BODY_MALFORMED')
    expect(response.body.message).toBe('The upload is not a well-formed multipart form (a part header or boundary is broken). Send the file and a "_payload" field as multipart/form-data.')
    expect(await count('media')).toBe(before)
  })
})

describe('oversized bodies and malformed JSON', () => {
  const big = (bytes: number) => JSON.stringify({ name: 'x'.repeat(bytes), city: 'Pune' })
  const tooLarge = (limit: string) => `The request body is larger than ${limit}, the most this server reads. Send less: one document per request, images within the upload limit.`

  it.each([
    ['with its length declared', false],
    ['streamed without a length', true],
  ])('when a 3 MB JSON body is sent %s, then it is refused unread with 413 and nothing is written', async (_how, chunked) => {
    const before = await count('clinics')
    const body = big(3 * 1024 * 1024)

    const response = await fetch(`${server.baseURL}/api/clinics`, {
      method: 'POST',
      headers: { Authorization: `JWT ${token.editor}`, 'Content-Type': 'application/json' },
      body: chunked ? new Blob([body]).stream() : body,
      ...(chunked ? { duplex: 'half' } : {}),
    } as RequestInit)
    const answer = await response.json()

    expect(response.status).toBe(413)
    expect(answer).toMatchObject({ code: 'REQUEST_BODY_TOO_LARGE', message: tooLarge('2.0 MB'), maxBytes: 2 * 1024 * 1024 })
    expect(await count('clinics')).toBe(before)
  })

  it('when a 3 MB GraphQL request arrives, then it is refused with 413', async () => {
    const response = await call('/api/graphql', { token: token.editor, rawBody: JSON.stringify({ query: `{ Clinics { totalDocs } }`, padding: 'x'.repeat(3 * 1024 * 1024) }) })

    expect(response.status).toBe(413)
    expect(response.body.code).toBe('REQUEST_BODY_TOO_LARGE')
  })

  it('when an upload is larger than MEDIA_MAX_BYTES, then it is refused with 413 and nothing is written', async () => {
    const before = { media: await count('media'), files: filesUnder(server.env.MEDIA_DIR).length }

    const response = await upload('large.png', Buffer.concat([await pngImage(), Buffer.alloc(MEDIA_MAX_BYTES)]))

    expect(response.status).toBe(413)
    expect(response.body).toMatchObject({ code: 'REQUEST_BODY_TOO_LARGE', message: tooLarge('1.0 MB') })
    expect({ media: await count('media'), files: filesUnder(server.env.MEDIA_DIR).length }).toEqual(before)
  })

  it('when a subscribe request is larger than 8 KB, then the newsletter answers its own 413 and nobody is subscribed', async () => {
    const before = await count('subscribers')

    const response = await call('/api/newsletter/subscribe', { body: { email: 'big@readers.example', locale: 'en', specialties: ['orthopaedics'], source: 'x'.repeat(9000) } })

    expect(response.status).toBe(413)
    expect(response.body).toEqual({ code: 'NEWSLETTER_BODY_TOO_LARGE', message: 'The request body is larger than 8192 bytes; send only the subscription fields.' })
    expect(await count('subscribers')).toBe(before)
  })

  const malformed = 'The body is not valid JSON. Send one JSON object with Content-Type: application/json.'

  it.each([
    ['a create', 'POST', '/api/clinics'],
    ['an update', 'PATCH', '/api/clinics/CLINIC'],
    ['a sign-in', 'POST', '/api/users/login'],
    ['a global’s update', 'POST', '/api/globals/webhook-settings'],
  ])('when %s is sent a body that is not JSON, then it is refused with 400 REQUEST_BODY_MALFORMED and nothing changes', async (_what, method, pathname) => {
    const before = await call(`/api/clinics/${ids.clinic}?depth=0`, { token: token.admin })

    const response = await call(pathname.replace('CLINIC', ids.clinic), { method, token: token.admin, rawBody: '{"name": "half a docu' })

    expect(response.status).toBe(400)
    expect(response.body).toMatchObject({ code: 'REQUEST_BODY_MALFORMED', message: malformed })
    expect((await call(`/api/clinics/${ids.clinic}?depth=0`, { token: token.admin })).body).toEqual(before.body)
  })

  it('when GraphQL is sent a body that is not JSON, then it is refused with 400 saying where the JSON broke', async () => {
    const response = await call('/api/graphql', { token: token.admin, rawBody: '{"query": "{ Clinics { totalDocs } }"' })

    expect(response.status).toBe(400)
    expect(response.body.code).toBe('REQUEST_BODY_MALFORMED')
    expect(response.body.message).toMatch(/^The body is not valid JSON \(.+\)\. Send one JSON object with Content-Type: application\/json\.$/)
  })

  it('when an upload’s document fields are not JSON, then it is refused with 400 and nothing is written', async () => {
    const before = await count('media')

    const response = await upload('fields.png', await pngImage(), '{"alt": ')

    expect(response.status).toBe(400)
    expect(response.body).toMatchObject({ code: 'REQUEST_BODY_MALFORMED', message: 'The upload\'s "_payload" field is not valid JSON. Send the document\'s fields as one JSON object in "_payload".' })
    expect(await count('media')).toBe(before)
  })
})

describe('files that are not images, images that are not accepted, and decompression bombs', () => {
  const cases: [string, () => Promise<Buffer>, string, number, string, string][] = [
    ['a text file called .png', async () => Buffer.from('just some words\n'), 'notes.png', 400, 'IMAGE_UNREADABLE', 'The file is not an image that can be read. Upload a JPEG, PNG, WebP, AVIF or GIF file.'],
    [
      'an HTML page with a script, called .png',
      async () => Buffer.from('<html><body><script>alert(1)</script></body></html>'),
      'page.png',
      400,
      'IMAGE_UNREADABLE',
      'The file is not an image that can be read. Upload a JPEG, PNG, WebP, AVIF or GIF file.',
    ],
    [
      'an SVG with a script',
      async () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script><rect width="10" height="10"/></svg>'),
      'drawing.svg',
      400,
      'IMAGE_TYPE_REFUSED',
      'The file is a svg image; only JPEG, PNG, WebP, AVIF and GIF are accepted. Export it in one of those formats and upload it again.',
    ],
    [
      'a decompression bomb (9000 × 9000 pixels in about a hundred kilobytes)',
      async () => decompressionBombPng(9000, 9000),
      'bomb.png',
      413,
      'IMAGE_TOO_LARGE',
      'The image is 9000 × 9000 pixels (81.0 megapixels); at most 40.0 megapixels are accepted. Resize it before uploading.',
    ],
  ]

  it.each(cases)('when %s is uploaded, then it is refused with the exact reason and nothing is written', async (_what, make, fileName, status, code, message) => {
    const before = { media: await count('media'), files: filesUnder(server.env.MEDIA_DIR).length }

    const response = await upload(fileName, await make(), undefined, fileName.endsWith('.svg') ? 'image/svg+xml' : 'image/png')

    expect(response.status).toBe(status)
    expect(response.body.errors[0]).toMatchObject({ data: { code }, message })
    expect({ media: await count('media'), files: filesUnder(server.env.MEDIA_DIR).length }).toEqual(before)
  })

  it('when an image is "uploaded" as an address for the server to fetch (a cloud metadata address), then it is refused and nothing is fetched or written', async () => {
    const before = await count('media')

    const response = await call('/api/media', { token: token.editor, body: { alt: 'x', filename: 'a.png', url: 'http://169.254.169.254/latest/meta-data/iam/a.png' } })

    expect(response.status).toBe(400)
    expect(response.body.errors[0]).toMatchObject({
      data: { code: 'MEDIA_URL_UPLOAD_REFUSED' },
      message: 'Images are uploaded as files; the server does not fetch them from an address. Download the image and upload the file.',
    })
    expect(await count('media')).toBe(before)
  })
})

describe('XLIFF files that declare entities', () => {
  const xliff = (doctype: string) => `<?xml version="1.0" encoding="UTF-8"?>
${doctype}
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="hi">
  <file id="article.ARTICLE">
    <unit id="title"><segment><source>Title</source><target>&xxe;</target></segment></unit>
  </file>
</xliff>`

  it.each([
    ['an external entity reading a local file', '<!DOCTYPE xliff [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'],
    ['an external entity fetching a URL', '<!DOCTYPE xliff [<!ENTITY xxe SYSTEM "http://169.254.169.254/latest/meta-data/">]>'],
    ['nested entities (a billion laughs)', '<!DOCTYPE xliff [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY xxe "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'],
  ])('when a translator imports a file with %s, then it is refused as declaring a DOCTYPE and the article is unchanged', async (_what, doctype) => {
    const before = await call(`/api/articles/${ids.article}?draft=true&locale=all&depth=0`, { token: token.admin })

    const response = await call(`/api/articles/${ids.article}/xliff`, {
      token: token.translatorHi,
      rawBody: xliff(doctype).replace('ARTICLE', ids.article),
      headers: { 'Content-Type': 'application/xliff+xml' },
    })

    expect(response.status).toBe(422)
    expect(response.body.code).toBe('XLIFF_REJECTED')
    expect(response.body.details.problems).toEqual([
      {
        code: 'XLIFF_DOCTYPE_FORBIDDEN',
        line: 2,
        message: 'Line 2: the file declares a DOCTYPE. XLIFF files must not declare a DOCTYPE or entities (they can be used to attack the server); export the file again from your tool without one.',
      },
    ])
    expect((await call(`/api/articles/${ids.article}?draft=true&locale=all&depth=0`, { token: token.admin })).body).toEqual(before.body)
  })
})

describe('webhook endpoints on private and metadata addresses', () => {
  const refusedAddress = (host: string) =>
    `${host} is a loopback or private-network address. Webhooks go to public addresses only, unless an admin turns on "Allow private addresses" in Webhook settings.`

  it.each([
    ['http://127.0.0.1:8080/hook', '127.0.0.1'],
    ['http://localhost/hook', 'localhost'],
    ['http://10.0.0.7/hook', '10.0.0.7'],
    ['http://192.168.1.20/hook', '192.168.1.20'],
    ['http://169.254.169.254/latest/meta-data/', '169.254.169.254'],
    ['http://metadata.google.internal/computeMetadata/v1/', 'metadata.google.internal'],
    ['http://100.100.100.200/latest/meta-data/', '100.100.100.200'],
    ['http://[fd00:ec2::254]/latest/meta-data/', '[fd00:ec2::254]'],
    ['http://[::1]/hook', '[::1]'],
    ['http://[::ffff:127.0.0.1]/hook', '[::ffff:7f00:1]'],
    ['http://[::ffff:169.254.169.254]/latest/', '[::ffff:a9fe:a9fe]'],
    ['http://2130706433/hook', '127.0.0.1'],
    ['http://0x7f.1/hook', '127.0.0.1'],
    ['http://0.0.0.0/hook', '0.0.0.0'],
  ])('when an admin saves an endpoint at %s, then it is refused naming the address and none is written', async (url, host) => {
    const before = await count('webhook-endpoints')

    const response = await call('/api/webhook-endpoints', { token: token.admin, body: { name: 'internal', url, events: ['article.published'] } })

    expect(response.status).toBe(400)
    expect(response.body.errors[0].data.errors).toEqual([{ label: 'Url', path: 'url', message: refusedAddress(host) }])
    expect(await count('webhook-endpoints')).toBe(before)
  })

  it.each([
    ['file:///etc/passwd', 'Only http:// and https:// addresses can receive webhooks.'],
    ['https://user:password@hooks.example.org/x', 'Leave user names and passwords out of the address; the signature authenticates each request.'],
  ])('when an admin saves an endpoint at %s, then it is refused and none is written', async (url, message) => {
    const before = await count('webhook-endpoints')

    const response = await call('/api/webhook-endpoints', { token: token.admin, body: { name: 'odd', url, events: ['article.published'] } })

    expect(response.status).toBe(400)
    expect(response.body.errors[0].data.errors[0]).toMatchObject({ path: 'url', message })
    expect(await count('webhook-endpoints')).toBe(before)
  })
})

describe('secrets', () => {
  it('when a webhook endpoint is created, then its answer shows the secret once; no later read, list or GraphQL query does', async () => {
    const read = await call(`/api/webhook-endpoints/${ids.webhookEndpoint}`, { token: token.admin })
    const list = await call('/api/webhook-endpoints', { token: token.admin })
    const graphql = await call('/api/graphql', { token: token.admin, body: { query: '{ WebhookEndpoints { docs { name secret } } }' } })

    expect(webhookSecret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/)
    expect(read.body).not.toHaveProperty('secret')
    expect(JSON.stringify(list.body)).not.toContain('whsec_')
    expect(graphql.body.data.WebhookEndpoints.docs.every((doc: { secret: unknown }) => doc.secret === null)).toBe(true)
  })

  it('when an admin creates an endpoint sending a secret of their choosing, then the server makes its own instead', async () => {
    const endpoint = await created('/api/webhook-endpoints', { name: 'chosen', url: 'https://hooks.example.org/chosen', events: ['article.published'], secret: 'whsec_chosen-by-the-client' })

    expect(endpoint.doc.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/)
    expect(endpoint.doc.secret).not.toBe('whsec_chosen-by-the-client')
  })

  it('when the secret is rotated, then the new one is answered once and the old one no longer signs', async () => {
    const rotated = await call(`/api/webhook-endpoints/${ids.webhookEndpoint}/rotate-secret`, { method: 'POST', token: token.admin })
    const read = await call(`/api/webhook-endpoints/${ids.webhookEndpoint}`, { token: token.admin })

    expect(rotated.status).toBe(200)
    expect(rotated.body.secret).toMatch(/^whsec_/)
    expect(rotated.body.secret).not.toBe(webhookSecret)
    expect(read.body).not.toHaveProperty('secret')
    webhookSecret = rotated.body.secret
  })

  it('when everything above has run (with debug logging), then the server’s log holds neither the SMTP password nor any webhook secret', () => {
    const log = server.output()

    expect(log.length).toBeGreaterThan(0)
    expect(mailTo(READER).length).toBeGreaterThanOrEqual(2)
    expect(log).not.toContain(SMTP_PASSWORD)
    expect(log).not.toContain('whsec_')
  })
})
