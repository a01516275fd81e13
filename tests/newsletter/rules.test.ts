import { classifySmtpError } from '../../src/mail/mailer'
import { personalize, renderUpdateEmail, UNSUBSCRIBE_URL_SLOT } from '../../src/newsletter/email/templates'
import { EmailTextCatalog } from '../../src/newsletter/email/texts'
import { heldLanguageRelease } from '../../src/newsletter/readiness'
import { decideConfirmation, parseSubscriptionRequest } from '../../src/newsletter/subscriptions'
import { confirmationToken, unsubscribeToken, verifyConfirmationToken, verifyUnsubscribeToken } from '../../src/newsletter/tokens'
import { clientIp, RateLimiter } from '../../src/security/rateLimit'

describe('SMTP failure classification', () => {
  it('when the server answers 4xx or the connection drops, then the failure is temporary and no bounce', () => {
    expect(classifySmtpError({ responseCode: 451, response: '451 4.3.0 Try again later' })).toMatchObject({ kind: 'temporary', hardBounce: false })
    expect(classifySmtpError({ code: 'ECONNECTION', message: 'Connection closed unexpectedly' })).toMatchObject({ kind: 'temporary', hardBounce: false })
  })

  it('when the server answers 550 or a 5.1.x status, then it is a permanent hard bounce; other 5xx are permanent without bounce', () => {
    expect(classifySmtpError({ responseCode: 550, response: '550 5.1.1 No such user' })).toMatchObject({ kind: 'permanent', hardBounce: true, code: 'MAIL_HARD_BOUNCE' })
    expect(classifySmtpError({ responseCode: 554, response: '554 5.1.2 Bad destination system address' })).toMatchObject({ kind: 'permanent', hardBounce: true })
    expect(classifySmtpError({ responseCode: 552, response: '552 5.3.4 Message too big' })).toMatchObject({ kind: 'permanent', hardBounce: false, code: 'MAIL_PERMANENT_FAILURE' })
  })
})

describe('rate limiter', () => {
  it('when a key exceeds its limit within the window, then it is refused with the seconds left, and allowed again after the window', () => {
    let now = 0
    const limiter = new RateLimiter({ limit: 2, windowMs: 10_000, now: () => now })

    const decisions = [limiter.hit('a'), limiter.hit('a'), limiter.hit('a'), limiter.hit('b')]
    now = 7_500
    const stillRefused = limiter.hit('a')
    now = 10_000
    const afterWindow = limiter.hit('a')

    expect(decisions.map((decision) => decision.allowed)).toEqual([true, true, false, true])
    expect(decisions[2].retryAfterSeconds).toBe(10)
    expect(stillRefused).toMatchObject({ allowed: false, retryAfterSeconds: 3 })
    expect(afterWindow.allowed).toBe(true)
  })

  it('when more keys arrive than it may remember, then memory stays bounded', () => {
    const limiter = new RateLimiter({ limit: 1, windowMs: 60_000, maxKeys: 100 })
    for (let index = 0; index < 1000; index += 1) limiter.hit(`key${index}`)
    expect((limiter as unknown as { windows: Map<string, unknown> }).windows.size).toBeLessThanOrEqual(100)
  })

  it('when a limit is not positive, then creating the limiter fails with a code', () => {
    expect(() => new RateLimiter({ limit: 0, windowMs: 1000 })).toThrow(expect.objectContaining({ code: 'RATE_LIMIT_INVALID' }))
  })

  it('when proxies are trusted, then the client address is the one the outermost trusted proxy saw', () => {
    const headers = new Headers({ 'X-Forwarded-For': '6.6.6.6, 203.0.113.9, 10.0.0.2' })
    expect(clientIp(headers, 2)).toBe('203.0.113.9')
    expect(clientIp(headers, 1)).toBe('10.0.0.2')
    expect(clientIp(new Headers(), 1)).toBe('unknown')
  })
})

describe('tokens', () => {
  it('when an unsubscribe token is checked, then only one made with the same secret yields the subscriber id', () => {
    const token = unsubscribeToken('secret-one', 'subscriber-42')
    expect(verifyUnsubscribeToken('secret-one', token)).toBe('subscriber-42')
    expect(verifyUnsubscribeToken('secret-two', token)).toBeNull()
    expect(verifyUnsubscribeToken('secret-one', `${token.split('.')[0]}.forged`)).toBeNull()
    expect(verifyUnsubscribeToken('secret-one', 'garbage')).toBeNull()
  })

  it('when a confirmation token is checked, then only one made with the same secret, unaltered, yields the subscriber id and expiry', () => {
    const token = confirmationToken('secret-one', 'subscriber-42', 1_800_000_000_000)
    const [encoded, signature] = token.split('.')
    const otherExpiry = Buffer.from('subscriber-42:1900000000000').toString('base64url')

    expect(verifyConfirmationToken('secret-one', token)).toEqual({ subscriberId: 'subscriber-42', expiresAt: 1_800_000_000_000 })
    expect(verifyConfirmationToken('secret-two', token)).toBeNull()
    expect(verifyConfirmationToken('secret-one', `${otherExpiry}.${signature}`)).toBeNull()
    expect(verifyConfirmationToken('secret-one', `${encoded}.forged`)).toBeNull()
    expect(verifyConfirmationToken('secret-one', unsubscribeToken('secret-one', 'subscriber-42'))).toBeNull()
    expect(verifyConfirmationToken('secret-one', null)).toBeNull()
  })
})

describe('following a confirmation link', () => {
  const now = 1_800_000_000_000
  const valid = { expiresAt: now + 1000 }

  it('when the link is ours and unexpired, then a pending address is confirmed and a confirmed one is told it already is', () => {
    expect(decideConfirmation(valid, { status: 'pending' }, now)).toBe('confirm')
    expect(decideConfirmation(valid, { status: 'confirmed' }, now)).toBe('already-confirmed')
  })

  it('when the link is forged, expired, or its address left, bounced or is gone, then it is refused with a code', () => {
    expect(() => decideConfirmation(null, { status: 'pending' }, now)).toThrow(expect.objectContaining({ code: 'NEWSLETTER_TOKEN_INVALID', status: 400 }))
    expect(() => decideConfirmation({ expiresAt: now - 1 }, { status: 'pending' }, now)).toThrow(expect.objectContaining({ code: 'NEWSLETTER_TOKEN_EXPIRED', status: 410 }))
    for (const status of ['unsubscribed', 'bounced'] as const) {
      expect(() => decideConfirmation(valid, { status }, now)).toThrow(expect.objectContaining({ code: 'NEWSLETTER_TOKEN_INVALID' }))
    }
    expect(() => decideConfirmation(valid, null, now)).toThrow(expect.objectContaining({ code: 'NEWSLETTER_TOKEN_INVALID' }))
  })
})

describe('subscribe request', () => {
  const locales = ['en', 'hi', 'ta']

  it('when the address has capitals and spaces, then it is normalized', () => {
    expect(parseSubscriptionRequest({ email: ' Asha@Example.COM ', locale: 'hi', specialties: ['orthopaedics'] }, locales)).toMatchObject({
      email: 'asha@example.com',
      locale: 'hi',
      specialties: ['orthopaedics'],
      articles: [],
    })
  })

  it('when fields are missing or malformed, then each gets its own code', () => {
    const codeOf = (body: unknown) => {
      try {
        parseSubscriptionRequest(body, locales)
        return 'accepted'
      } catch (error) {
        return (error as { code: string }).code
      }
    }
    expect(codeOf([])).toBe('NEWSLETTER_BODY_INVALID')
    expect(codeOf({ email: 'a@b', locale: 'en', specialties: ['x'] })).toBe('NEWSLETTER_EMAIL_INVALID')
    expect(codeOf({ email: 'a@example.com', locale: 'fr', specialties: ['x'] })).toBe('NEWSLETTER_LOCALE_UNKNOWN')
    expect(codeOf({ email: 'a@example.com', locale: 'en' })).toBe('NEWSLETTER_TOPIC_UNKNOWN')
    expect(codeOf({ email: 'a@example.com', locale: 'en', specialties: 'orthopaedics' })).toBe('NEWSLETTER_BODY_INVALID')
  })
})

describe('update email template', () => {
  const catalog = new EmailTextCatalog()
  const content = {
    changeKind: 'clinical' as const,
    title: 'Bone <script>alert(1)</script>Metastases',
    changelogNote: 'Use <img src=x onerror=alert(1)> less ibuprofen & more rest.',
    lastUpdated: '2025-07-03T00:00:00.000Z',
    articleUrl: 'https://health.example/en/articles/bone-metastases',
  }

  it('when editors typed markup, then none of it reaches the HTML, and the plain-text part keeps the words', async () => {
    const email = await renderUpdateEmail(catalog.for('en'), content)
    expect(email.html).not.toMatch(/<script|<img|onerror/)
    expect(email.text).toContain('Use  less ibuprofen & more rest.')
    expect(email.text).toContain('Last updated on 3rd Jul, 2025')
  })

  it('when a copy is personalized, then the unsubscribe slot is filled in both parts and escaped in the HTML', async () => {
    const email = personalize(await renderUpdateEmail(catalog.for('hi'), content), 'https://cms.example/u?token=a&b')
    expect(email.html).toContain('https://cms.example/u?token=a&amp;b')
    expect(email.text).toContain('https://cms.example/u?token=a&b')
    expect(email.html + email.text).not.toContain(UNSUBSCRIBE_URL_SLOT)
    expect(email.subject.startsWith('अपडेट:')).toBe(true)
  })

  it('when the email is sent in the fallback language, then it says so in that language and names the missing one', async () => {
    const email = await renderUpdateEmail(catalog.for('en'), { ...content, lateLanguage: 'ta' })
    expect(email.text).toMatch(/^This update is not yet available in Tamil, so we are sending it in English\./)
  })
})

describe('releasing a held language', () => {
  it('when the language’s translation of the update is approved, then its readers get the update in their language, whatever the kind and the grace period', () => {
    for (const changeKind of ['clinical', 'editorial'] as const) {
      for (const graceOver of [false, true]) {
        for (const showsFallback of [false, true]) expect(heldLanguageRelease({ changeKind, translationApproved: true, graceOver, showsFallback })).toBe('own')
      }
    }
  })

  it('when a clinical update’s grace period ends without an approved translation, then its readers get it in the fallback language; before that, it is held', () => {
    expect(heldLanguageRelease({ changeKind: 'clinical', translationApproved: false, graceOver: true, showsFallback: true })).toBe('fallback')
    expect(heldLanguageRelease({ changeKind: 'clinical', translationApproved: false, graceOver: false, showsFallback: true })).toBe('hold')
  })

  it('when an editorial update’s translation is not approved and the reader’s page still shows their language, then it stays held, even after the grace period, since that page did not change', () => {
    expect(heldLanguageRelease({ changeKind: 'editorial', translationApproved: false, graceOver: true, showsFallback: false })).toBe('hold')
    expect(heldLanguageRelease({ changeKind: 'editorial', translationApproved: false, graceOver: false, showsFallback: false })).toBe('hold')
  })

  it('when an editorial update changes a page whose language shows the fallback, then after the grace period its readers get it in the fallback; before that, it is held', () => {
    expect(heldLanguageRelease({ changeKind: 'editorial', translationApproved: false, graceOver: true, showsFallback: true })).toBe('fallback')
    expect(heldLanguageRelease({ changeKind: 'editorial', translationApproved: false, graceOver: false, showsFallback: true })).toBe('hold')
  })
})
