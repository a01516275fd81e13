import type { ParsedMail } from 'mailparser'

import type { TestSmtpServer } from '../support/smtpServer'
import { accessibilityProblems, privacyProblems } from './emailChecks'
import { aPublishEvent, aSubscriber, aTranslationApproval, runDueJobs, seedArticle } from './builders'
import { PUBLIC_ADDRESSES, startMailingLibrary, stopMailingLibrary, type MailingLibrary } from './support'

const SEED_CONTEXT = { seeding: true }

/** A header as sent, unfolded. */
const header = (mail: ParsedMail, name: string): string | undefined =>
  mail.headerLines
    .find((line) => line.key === name)
    ?.line.replace(/^[^:]+:\s*/, '')
    .replace(/\r?\n[ \t]+/g, ' ')

describe('update emails of a published change', () => {
  let smtp: TestSmtpServer
  let library: MailingLibrary
  let article: { id: string; specialtyId: string }

  beforeAll(async () => {
    library = await startMailingLibrary('newsletter-updates', { env: PUBLIC_ADDRESSES })
    smtp = library.smtp
    article = await seedArticle(library.payload)
    const { payload } = library
    await payload.update({ collection: 'articles', id: article.id, locale: 'en', data: { changelogNote: 'New advice on <b>pain relief</b> & radiotherapy.' }, context: SEED_CONTEXT })
    const source = await payload.findByID({ collection: 'articles', id: article.id, locale: 'en', depth: 0, draft: false })
    const translatable = { summary: source.summary, sections: source.sections }
    await payload.update({
      collection: 'articles',
      id: article.id,
      locale: 'hi',
      // A translation carries every localized field; the body is copied as it is, only what the email shows is translated.
      data: { ...translatable, title: 'हड्डी में मेटास्टेसिस', changelogNote: 'दर्द से राहत और रेडियोथेरेपी पर नई सलाह।' },
      context: SEED_CONTEXT,
    })
  })

  afterAll(async () => {
    await stopMailingLibrary(library)
  })

  it('when a clinical update is published, then each confirmed follower gets exactly one email in their language with list headers and a plain-text part, and an unconfirmed address gets nothing', async () => {
    const { payload } = library
    const english = await aSubscriber(payload, { language: 'en' })
    const hindi = await aSubscriber(payload, { language: 'hi' })
    const unconfirmed = await aSubscriber(payload, { language: 'en', status: 'pending' })
    await aTranslationApproval(payload, article.id, 'hi', 2)

    await aPublishEvent(payload, article.id, { changeKind: 'clinical', revision: 2 })
    await runDueJobs(payload)

    const [englishMail, ...moreEnglish] = await smtp.mailTo(english.email)
    const [hindiMail, ...moreHindi] = await smtp.mailTo(hindi.email)
    expect(moreEnglish).toHaveLength(0)
    expect(moreHindi).toHaveLength(0)
    expect(await smtp.mailTo(unconfirmed.email)).toHaveLength(0)

    expect(englishMail.subject).toBe('Updated: Understanding Bone Metastases: Causes, Symptoms, Diagnosis, and Treatment')
    expect(englishMail.text).toContain('New advice on pain relief & radiotherapy.')
    expect(englishMail.text).toContain('Last updated on')
    expect(englishMail.text).toContain('https://health.example/en/articles/bone-metastases')
    expect(englishMail.html).not.toContain('<b>pain relief</b>')
    expect(englishMail.messageId).toMatch(/^<.+@.+>$/)
    expect(header(englishMail, 'list-unsubscribe')).toMatch(/^<https:\/\/cms\.example\/api\/newsletter\/unsubscribe\?token=[^>]+>, <mailto:[^>]+>$/)
    expect(header(englishMail, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click')
    expect(englishMail.html).toContain('https://cms.example/api/newsletter/unsubscribe?token=')

    expect(hindiMail.subject).toBe('अपडेट: हड्डी में मेटास्टेसिस')
    expect(hindiMail.text).toContain('दर्द से राहत और रेडियोथेरेपी पर नई सलाह।')
    expect(hindiMail.text).toContain('https://health.example/hi/articles/bone-metastases')
    expect(hindiMail.text).toContain('अंतिम अपडेट:')

    const unsubscribeLink = (mail: ParsedMail) => /<(https:[^>]+)>/.exec(header(mail, 'list-unsubscribe') ?? '')?.[1] ?? ''
    for (const [mail, code] of [[englishMail, 'en'], [hindiMail, 'hi']] as const) {
      const received = { html: String(mail.html), text: String(mail.text) }
      expect(accessibilityProblems(received, { code, dir: 'ltr' })).toEqual([])
      expect(privacyProblems(received, [`https://health.example/${code}/articles/bone-metastases`, unsubscribeLink(mail)])).toEqual([])
    }
  })

  it('when a reader uses the one-click unsubscribe of an email, then the next update skips them', async () => {
    const { payload } = library
    const leaving = await aSubscriber(payload, { language: 'en' })
    const staying = await aSubscriber(payload, { language: 'en' })
    await aPublishEvent(payload, article.id, { changeKind: 'editorial', revision: 10 })
    await runDueJobs(payload)
    const [firstMail] = await smtp.mailTo(leaving.email)
    const link = /^<([^>]+)>/.exec(header(firstMail, 'list-unsubscribe') ?? '')?.[1] ?? ''

    const endpoint = payload.config.endpoints.find((candidate) => candidate.path === '/newsletter/unsubscribe' && candidate.method === 'post')
    const request = new Request(link, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })
    const response = await endpoint!.handler(Object.assign(request, { payload, searchParams: new URL(link).searchParams, routeParams: {} }) as never)
    await aPublishEvent(payload, article.id, { changeKind: 'clinical', revision: 11 })
    await runDueJobs(payload)

    expect(response.status).toBe(200)
    expect((await payload.findByID({ collection: 'subscribers', id: leaving.id })).status).toBe('unsubscribed')
    expect(await smtp.mailTo(leaving.email)).toHaveLength(1)
    expect(await smtp.mailTo(staying.email)).toHaveLength(2)
  })

  it('when a cosmetic change is published, then no send is made and nobody is emailed', async () => {
    const { payload } = library
    await aSubscriber(payload, { language: 'en' })
    const before = smtp.accepted.length
    const sendsBefore = (await payload.count({ collection: 'newsletter-sends' })).totalDocs

    await aPublishEvent(payload, article.id, { changeKind: 'cosmetic', revision: 3 })
    await runDueJobs(payload)

    expect(smtp.accepted.length).toBe(before)
    expect((await payload.count({ collection: 'newsletter-sends' })).totalDocs).toBe(sendsBefore)
  })

  it('when the translation of a clinical update is not approved by the end of the grace period, then its readers get the fallback language with a notice', async () => {
    const { payload } = library
    const { createNewsletter } = await import('../../src/newsletter/createNewsletter')
    createNewsletter(payload, { options: { graceHours: 0 } })
    const tamil = await aSubscriber(payload, { language: 'ta' })

    await aPublishEvent(payload, article.id, { changeKind: 'clinical', revision: 4 })
    await runDueJobs(payload)

    const [mail, ...more] = await smtp.mailTo(tamil.email)
    expect(more).toHaveLength(0)
    expect(mail.subject).toBe('Updated: Understanding Bone Metastases: Causes, Symptoms, Diagnosis, and Treatment')
    expect(mail.text).toContain('The medical guidance in this article has changed.')
    expect(mail.text).toMatch(/This update is not yet available in (Tamil|தமிழ்), so we are sending it in English\./)
    expect(mail.headers.get('content-language')).toBe('en')
  })
})
