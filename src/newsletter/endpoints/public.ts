import type { Endpoint, PayloadRequest } from 'payload'

import { clientIp, tooManyRequests, type RateLimiter } from '../../security/rateLimit'
import type { EmailTexts } from '../email/texts'
import { NewsletterError } from '../errors'
import { page, paragraph, unsubscribePage } from '../pages'
import { newsletterFor, type Newsletter } from '../service'
import {
  confirmSubscription,
  parseSubscriptionRequest,
  requestSubscription,
  subscriberForLink,
  unsubscribe,
  updatePreferences,
} from '../subscriptions'
import { readLimitedBody } from './body'

/** The same answer for every accepted request, so it tells nobody whether an address is known. */
const ACCEPTED = {
  status: 'accepted',
  message: 'If this address can be subscribed, a confirmation email is on its way. Nothing is sent until the link in it is followed.',
}

function errorResponse(error: unknown): Response {
  if (error instanceof NewsletterError) return Response.json({ code: error.code, message: error.message }, { status: error.status })
  throw error
}

function limited(newsletter: Newsletter, limiter: RateLimiter, req: PayloadRequest, what: string): Response | null {
  const decision = limiter.hit(clientIp(req.headers, newsletter.options.trustedProxyHops))
  return decision.allowed ? null : tooManyRequests(decision, what)
}

const wantsJson = (req: PayloadRequest) => (req.headers.get('accept') ?? '').includes('application/json')

/** The reader's language for a page about an unknown or broken link: `?lang=`, then Accept-Language. */
function readerTexts(newsletter: Newsletter, req: PayloadRequest): EmailTexts {
  const asked = [req.searchParams?.get('lang') ?? '', ...(req.headers.get('accept-language') ?? '').split(',').map((part) => part.split(';')[0].trim().split('-')[0])]
  const code = asked.find((candidate) => candidate && newsletter.catalog.has(candidate)) ?? newsletter.languages[0].code
  return newsletter.catalog.for(code)
}

const subscribe: Endpoint = {
  path: '/newsletter/subscribe',
  method: 'post',
  handler: async (req) => {
    const newsletter = newsletterFor(req.payload)
    const refused = limited(newsletter, newsletter.limiters.subscribe, req, 'subscribe')
    if (refused) return refused
    try {
      const raw = await readLimitedBody(req, newsletter.options.maxBodyBytes)
      let body: unknown
      try {
        body = JSON.parse(raw)
      } catch {
        throw new NewsletterError('NEWSLETTER_BODY_INVALID', 'The body is not JSON. Send { "email": "…", "locale": "en", "specialties": ["orthopaedics"] } with Content-Type: application/json.')
      }
      const request = parseSubscriptionRequest(body, newsletter.languages.map((language) => language.code))
      await requestSubscription(newsletter, request, { ip: clientIp(req.headers, newsletter.options.trustedProxyHops), origin: req.headers.get('origin') })
      return Response.json(ACCEPTED, { status: 202 })
    } catch (error) {
      return errorResponse(error)
    }
  },
}

const confirm: Endpoint = {
  path: '/newsletter/confirm',
  method: 'get',
  handler: async (req) => {
    const newsletter = newsletterFor(req.payload)
    const refused = limited(newsletter, newsletter.limiters.confirm, req, 'confirm')
    if (refused) return refused
    try {
      const subscriber = await confirmSubscription(newsletter, req.searchParams?.get('token') ?? null)
      if (wantsJson(req)) return Response.json({ status: 'confirmed' })
      const texts = newsletter.catalog.for(subscriber.language)
      return page(texts, texts.t('pageConfirmedTitle'), paragraph(texts.t('pageConfirmed', { email: subscriber.email })))
    } catch (error) {
      if (!(error instanceof NewsletterError) || wantsJson(req)) return errorResponse(error)
      const texts = readerTexts(newsletter, req)
      const text = error.code === 'NEWSLETTER_TOKEN_EXPIRED' ? texts.t('pageConfirmExpired') : texts.t('pageConfirmInvalid')
      return page(texts, texts.t('pageConfirmedTitle'), paragraph(text), error.status)
    }
  },
}

function linkUrls(newsletter: Newsletter, token: string) {
  const query = `token=${encodeURIComponent(token)}`
  return {
    unsubscribe: `${newsletter.options.publicUrl}/api/newsletter/unsubscribe?${query}`,
    preferences: `${newsletter.options.publicUrl}/api/newsletter/preferences?${query}`,
  }
}

const unsubscribePageEndpoint: Endpoint = {
  path: '/newsletter/unsubscribe',
  method: 'get',
  handler: async (req) => {
    const newsletter = newsletterFor(req.payload)
    const refused = limited(newsletter, newsletter.limiters.unsubscribe, req, 'unsubscribe')
    if (refused) return refused
    const token = req.searchParams?.get('token') ?? ''
    try {
      // Showing the page changes nothing: link scanners that open every URL must not unsubscribe anyone.
      const subscriber = await subscriberForLink(newsletter, token)
      const texts = newsletter.catalog.for(subscriber.language)
      const specialties = await req.payload.find({ collection: 'specialties', locale: subscriber.language as never, depth: 0, limit: 200, sort: 'name', overrideAccess: false, req })
      const followed = new Set((subscriber.specialties ?? []).map((specialty) => (typeof specialty === 'string' ? specialty : specialty.id)))
      const urls = linkUrls(newsletter, token)
      return unsubscribePage(texts, urls.unsubscribe, {
        actionUrl: urls.preferences,
        email: subscriber.email,
        language: subscriber.language,
        languages: newsletter.languages.map((language) => ({ code: language.code, name: language.name })),
        specialties: specialties.docs.map((specialty) => ({ id: String(specialty.id), slug: specialty.slug, name: specialty.name, followed: followed.has(String(specialty.id)) })),
      })
    } catch (error) {
      if (!(error instanceof NewsletterError)) throw error
      const texts = readerTexts(newsletter, req)
      return page(texts, texts.t('pageUnsubscribeTitle'), paragraph(texts.t('pageInvalidLink')), error.status)
    }
  },
}

/** RFC 8058 one-click: the mail client POSTs `List-Unsubscribe=One-Click` to the link; no login, no second step. */
const unsubscribeNow: Endpoint = {
  path: '/newsletter/unsubscribe',
  method: 'post',
  handler: async (req) => {
    const newsletter = newsletterFor(req.payload)
    const refused = limited(newsletter, newsletter.limiters.unsubscribe, req, 'unsubscribe')
    if (refused) return refused
    try {
      await readLimitedBody(req, newsletter.options.maxBodyBytes)
      const subscriber = await unsubscribe(newsletter, req.searchParams?.get('token') ?? null)
      if (wantsJson(req)) return Response.json({ status: 'unsubscribed' })
      const texts = newsletter.catalog.for(subscriber.language)
      return page(texts, texts.t('pageUnsubscribeTitle'), paragraph(texts.t('pageUnsubscribed', { email: subscriber.email, library: texts.t('library') })))
    } catch (error) {
      if (!(error instanceof NewsletterError) || wantsJson(req)) return errorResponse(error)
      const texts = readerTexts(newsletter, req)
      return page(texts, texts.t('pageUnsubscribeTitle'), paragraph(texts.t('pageInvalidLink')), error.status)
    }
  },
}

const preferences: Endpoint = {
  path: '/newsletter/preferences',
  method: 'post',
  handler: async (req) => {
    const newsletter = newsletterFor(req.payload)
    const refused = limited(newsletter, newsletter.limiters.unsubscribe, req, 'preferences')
    if (refused) return refused
    try {
      const form = new URLSearchParams(await readLimitedBody(req, newsletter.options.maxBodyBytes))
      const subscriber = await updatePreferences(newsletter, req.searchParams?.get('token') ?? null, {
        language: form.get('language') ?? undefined,
        specialties: form.getAll('specialties'),
      })
      if (wantsJson(req)) return Response.json({ status: 'saved' })
      const texts = newsletter.catalog.for(subscriber.language)
      return page(texts, texts.t('pagePreferencesHeading'), paragraph(texts.t('pageSaved')))
    } catch (error) {
      if (!(error instanceof NewsletterError) || wantsJson(req)) return errorResponse(error)
      const texts = readerTexts(newsletter, req)
      return page(texts, texts.t('pageUnsubscribeTitle'), paragraph(texts.t('pageInvalidLink')), error.status)
    }
  },
}

export const newsletterEndpoints: Endpoint[] = [subscribe, confirm, unsubscribePageEndpoint, unsubscribeNow, preferences]
