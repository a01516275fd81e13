import type { Payload } from 'payload'

import { transitionLocale } from '../../src/localization/transitionLocale'
import { createNewsletter } from '../../src/newsletter/createNewsletter'
import { publishEnglishChange, savePretendTranslation, seededEditorialStaff, type EditorialStaff } from '../support/editorialSteps'
import type { TestSmtpServer } from '../support/smtpServer'
import { aSubscriber, runDueJobs } from './builders'
import { PUBLIC_ADDRESSES, startMailingLibrary, stopMailingLibrary, type MailingLibrary } from './support'

/*
 * Emails follow the reader's page: every step here is the product's own (the editor's and the
 * reviewer's transitions, the translator's save, submit and approval), and the mail is read from a
 * real SMTP server.
 */

const HINDI = '[हिन्दी] '
const FALLBACK_NOTICE = /not yet available in (Hindi|हिन्दी)/

let smtp: TestSmtpServer
let library: MailingLibrary
let payload: Payload
let articleId: string
let people: EditorialStaff

/** The translator's work: every text of the current English draft, prefixed, saved in Hindi as the translator. */
const translateIntoHindi = () =>
  savePretendTranslation(payload, { articleId, locale: 'hi', prefix: HINDI, translator: people.translatorHi, translateChangelogNote: true })

/** The Hindi translation brought up to date, submitted by the translator and approved by a Hindi reviewer. */
async function approveHindiTranslation(): Promise<void> {
  await translateIntoHindi()
  await transitionLocale(payload, { articleId, locale: 'hi', to: 'in_review', user: people.translatorHi })
  await transitionLocale(payload, { articleId, locale: 'hi', to: 'approved', user: people.reviewer })
}

/** An editor's change to the English text, taken through review to publication as `changeKind`. */
const publishSourceChange = (changeKind: 'clinical' | 'editorial', openingWords: string) =>
  publishEnglishChange(payload, { articleId, staff: people, changeKind, openingWords, changelogNote: `${openingWords} (${Date.now()})` })

/** This process's newsletter with a grace period of `graceHours` (0: over as soon as a send is made). */
const withGraceHours = (graceHours: number) => createNewsletter(payload, { options: { graceHours } })

async function deliveryOf(subscriberId: string | number) {
  const rows = await payload.find({ collection: 'newsletter-deliveries', where: { subscriber: { equals: subscriberId } }, sort: '-createdAt', limit: 1, depth: 0, overrideAccess: true })
  return rows.docs[0]
}

beforeAll(async () => {
  library = await startMailingLibrary('newsletter-language-pages', { env: PUBLIC_ADDRESSES })
  smtp = library.smtp
  payload = library.payload
  people = await seededEditorialStaff(payload)
  articleId = String((await payload.find({ collection: 'articles', where: { slug: { equals: 'bone-metastases' } }, depth: 0 })).docs[0].id)
  await approveHindiTranslation()
  await runDueJobs(payload)
})

afterAll(async () => {
  await stopMailingLibrary(library)
})

describe('update emails follow the page each language reads', () => {
  it('when a clinical update is published, then Hindi readers are held until its Hindi translation is approved, and then get it in Hindi without a notice', async () => {
    withGraceHours(72)
    const english = await aSubscriber(payload, { language: 'en' })
    const hindi = await aSubscriber(payload, { language: 'hi' })

    await publishSourceChange('clinical', 'Bone metastases need prompt clinical assessment.')
    await runDueJobs(payload)
    const heldMails = await smtp.mailTo(hindi.email)
    const heldRow = await deliveryOf(hindi.id)
    await approveHindiTranslation()
    await runDueJobs(payload)

    expect(await smtp.mailTo(english.email)).toHaveLength(1)
    expect(heldMails).toHaveLength(0)
    expect(heldRow.status).toBe('held')
    const [mail, ...more] = await smtp.mailTo(hindi.email)
    expect(more).toHaveLength(0)
    expect(mail.headers.get('content-language')).toBe('hi')
    expect(mail.subject).toBe(`अपडेट: ${HINDI}Understanding Bone Metastases: Causes, Symptoms, Diagnosis, and Treatment`)
    expect(mail.text).not.toMatch(FALLBACK_NOTICE)
    expect(mail.text).toContain('https://health.example/hi/articles/bone-metastases')
  })

  it('when an editorial update is published and its grace period ends, then Hindi readers are not emailed in English, because their Hindi page did not change', async () => {
    withGraceHours(0)
    const english = await aSubscriber(payload, { language: 'en' })
    const hindi = await aSubscriber(payload, { language: 'hi' })
    const tamil = await aSubscriber(payload, { language: 'ta' })

    await publishSourceChange('editorial', 'Bone metastases are cancer that has spread to the bones.')
    await runDueJobs(payload)
    const send = (await payload.find({ collection: 'newsletter-sends', sort: '-createdAt', limit: 1, depth: 0, overrideAccess: true })).docs[0]

    const [englishMail, ...moreEnglish] = await smtp.mailTo(english.email)
    expect(moreEnglish).toHaveLength(0)
    expect(englishMail.headers.get('content-language')).toBe('en')
    expect(englishMail.text).toContain('The wording of this article has been improved.')
    expect(new Date(send.graceUntil as string).getTime()).toBeLessThanOrEqual(Date.now())
    expect(send.changeKind).toBe('editorial')
    expect(send.status).toBe('waiting')
    expect(await smtp.mailTo(hindi.email)).toHaveLength(0)
    expect((await deliveryOf(hindi.id)).status).toBe('held')
    // Tamil has no translation: its readers' page is the English one, which did change.
    const [tamilMail, ...moreTamil] = await smtp.mailTo(tamil.email)
    expect(moreTamil).toHaveLength(0)
    expect(tamilMail.headers.get('content-language')).toBe('en')
    expect(tamilMail.text).toMatch(/not yet available in Tamil/)
  })

  it('when the Hindi translation of that editorial update is then approved, then Hindi readers get it once, in Hindi, without a notice', async () => {
    const hindi = (await payload.find({ collection: 'subscribers', where: { language: { equals: 'hi' } }, sort: '-createdAt', limit: 1, depth: 0, overrideAccess: true })).docs[0]

    await approveHindiTranslation()
    await runDueJobs(payload)

    const [mail, ...more] = await smtp.mailTo(hindi.email)
    expect(more).toHaveLength(0)
    expect(mail.headers.get('content-language')).toBe('hi')
    expect((mail.subject ?? '').startsWith(`अपडेट: ${HINDI}`)).toBe(true)
    expect(mail.text).not.toMatch(FALLBACK_NOTICE)
    expect((await deliveryOf(hindi.id)).status).toBe('sent')
  })

  it('when a clinical update is published and its grace period ends before the Hindi translation is approved, then Hindi readers get it in English with the notice', async () => {
    withGraceHours(0)
    const hindi = await aSubscriber(payload, { language: 'hi' })

    await publishSourceChange('clinical', 'Bone metastases are treated by a team of specialists.')
    await runDueJobs(payload)

    const [mail, ...more] = await smtp.mailTo(hindi.email)
    expect(more).toHaveLength(0)
    expect(mail.headers.get('content-language')).toBe('en')
    expect(mail.subject).toBe('Updated: Understanding Bone Metastases: Causes, Symptoms, Diagnosis, and Treatment')
    expect(mail.text).toContain('The medical guidance in this article has changed.')
    expect(mail.text).toMatch(FALLBACK_NOTICE)
  })

  it('when an editorial update follows while the Hindi page shows English (its translation outdated by the clinical update), then after the grace period Hindi readers get it in English with the notice', async () => {
    withGraceHours(0)
    const hindi = await aSubscriber(payload, { language: 'hi' })

    await publishSourceChange('editorial', 'Bone metastases are cancer that has reached the bones.')
    await runDueJobs(payload)

    const [mail, ...more] = await smtp.mailTo(hindi.email)
    expect(more).toHaveLength(0)
    expect(mail.headers.get('content-language')).toBe('en')
    expect(mail.text).toContain('The wording of this article has been improved.')
    expect(mail.text).toMatch(FALLBACK_NOTICE)
  })
})
