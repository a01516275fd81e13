import type { Endpoint, PayloadRequest } from 'payload'

import { clientIp, tooManyRequests, type RateLimiter } from '../../security/rateLimit'
import type { EmailTexts } from '../email/texts'
import { NewsletterError } from '../errors'
import { page, paragraph, unsubscribePage } from '../readerPages'
import { newsletterFor, type Newsletter } from '../createNewsletter'
import {
  confirmSubscription,
  parseSubscriptionRequest,
  requestSubscription,
  subscriberForLink,
  unsubscribe,
  updatePreferences,
} from '../subscriptions'
import { readLimitedBody } from './body'
import { preflight, withCors } from './cors'
import { relationId } from '../../content/relations'

/** The same answer for every accepted request, so it tells nobody whether an address is known. */
const ACCEPTED = {
  status: 'accepted',
  message: 'If this address can be subscribed, a confirmation email is on its way. Nothing is sent until the link in it is followed.',
}

const wantsJson = (req: PayloadRequest) => (req.headers.get('accept') ?? '').includes('application/json')

/** The reader's language for a page about an unknown or broken link: `?lang=`, then Accept-Language. */
function readerTexts(newsletter: Newsletter, req: PayloadRequest): EmailTexts {
  const asked = [req.searchParams?.get('lang') ?? '', ...(req.headers.get('accept-language') ?? '').split(',').map((part) => part.split(';')[0].trim().split('-')[0])]
  const code = asked.find((candidate) => candidate && newsletter.catalog.has(candidate)) ?? newsletter.languages[0].code
  return newsletter.catalog.for(code)
}

const tokenOf = (req: PayloadRequest) => req.searchParams?.get('token') ?? null

interface PublicAction {
  path: string
  method: 'get' | 'post'
  /** The per-IP budget this action spends, and its name in the "too many requests" answer. */
  limiter: (newsletter: Newsletter) => RateLimiter
  limitName: string
  /** The answer to an accepted request; a `NewsletterError` it throws becomes the error answer. */
  answer: (req: PayloadRequest, newsletter: Newsletter) => Promise<Response>
  /**
   * The page a reader who followed a link sees for an error; without it, and whenever the caller
   * asks for JSON, errors are answered as `{ code, message }` with the error's status.
   */
  errorPage?: (error: NewsletterError, texts: EmailTexts) => Response
}

/** One public endpoint: rate-limited per IP, its errors answered as JSON or as a page, CORS for allowed origins. */
function publicEndpoint(action: PublicAction): Endpoint {
  return {
    path: action.path,
    method: action.method,
    handler: async (req) => {
      const newsletter = newsletterFor(req.payload)
      const cors = (response: Response) => withCors(response, newsletter.options.allowedOrigins, req.headers)
      const decision = action.limiter(newsletter).hit(clientIp(req.headers, newsletter.options.trustedProxyHops))
      if (!decision.allowed) return cors(tooManyRequests(decision, action.limitName))
      try {
        return cors(await action.answer(req, newsletter))
      } catch (error) {
        if (!(error instanceof NewsletterError)) throw error
        if (!action.errorPage || wantsJson(req)) return cors(Response.json({ code: error.code, message: error.message }, { status: error.status }))
        return cors(action.errorPage(error, readerTexts(newsletter, req)))
      }
    },
  }
}

/** The preflight of every public path, answered for allowed origins only. */
function preflightEndpoints(actions: PublicAction[]): Endpoint[] {
  const methodsByPath = new Map<string, string[]>()
  for (const action of actions) methodsByPath.set(action.path, [...(methodsByPath.get(action.path) ?? []), action.method])
  return [...methodsByPath].map(([path, methods]) => ({
    path,
    method: 'options' as const,
    handler: async (req: PayloadRequest) => preflight(methods, newsletterFor(req.payload).options.allowedOrigins, req.headers),
  }))
}

function linkUrls(newsletter: Newsletter, token: string) {
  const query = `token=${encodeURIComponent(token)}`
  return {
    unsubscribe: `${newsletter.options.publicUrl}/api/newsletter/unsubscribe?${query}`,
    preferences: `${newsletter.options.publicUrl}/api/newsletter/preferences?${query}`,
  }
}

const invalidLinkPage = (error: NewsletterError, texts: EmailTexts) => page(texts, texts.t('pageInvalidLinkTitle'), paragraph(texts.t('pageInvalidLink')), error.status)

const subscribe: PublicAction = {
  path: '/newsletter/subscribe',
  method: 'post',
  limiter: (newsletter) => newsletter.limiters.subscribe,
  limitName: 'subscribe',
  answer: async (req, newsletter) => {
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
  },
}

const confirm: PublicAction = {
  path: '/newsletter/confirm',
  method: 'get',
  limiter: (newsletter) => newsletter.limiters.confirm,
  limitName: 'confirm',
  answer: async (req, newsletter) => {
    const { subscriber, outcome } = await confirmSubscription(newsletter, tokenOf(req))
    if (wantsJson(req)) return Response.json({ status: outcome === 'confirm' ? 'confirmed' : 'already-confirmed' })
    const texts = newsletter.catalog.for(subscriber.language)
    return outcome === 'confirm'
      ? page(texts, texts.t('pageConfirmedTitle'), paragraph(texts.t('pageConfirmed', { email: subscriber.email })))
      : page(texts, texts.t('pageAlreadySubscribedTitle'), paragraph(texts.t('pageAlreadySubscribed', { email: subscriber.email })))
  },
  errorPage: (error, texts) =>
    error.code === 'NEWSLETTER_TOKEN_EXPIRED'
      ? page(texts, texts.t('pageConfirmExpiredTitle'), paragraph(texts.t('pageConfirmExpired')), error.status)
      : page(texts, texts.t('pageConfirmInvalidTitle'), paragraph(texts.t('pageConfirmInvalid')), error.status),
}

const unsubscribeQuestion: PublicAction = {
  path: '/newsletter/unsubscribe',
  method: 'get',
  limiter: (newsletter) => newsletter.limiters.unsubscribe,
  limitName: 'unsubscribe',
  answer: async (req, newsletter) => {
    const token = tokenOf(req) ?? ''
    // Showing the page changes nothing: link scanners that open every URL must not unsubscribe anyone.
    const subscriber = await subscriberForLink(newsletter, token)
    const texts = newsletter.catalog.for(subscriber.language)
    const specialties = await req.payload.find({ collection: 'specialties', locale: subscriber.language as never, depth: 0, limit: 200, sort: 'name', overrideAccess: false, req })
    const followed = new Set((subscriber.specialties ?? []).map((specialty) => relationId(specialty)!))
    const urls = linkUrls(newsletter, token)
    return unsubscribePage(texts, urls.unsubscribe, {
      actionUrl: urls.preferences,
      email: subscriber.email,
      language: subscriber.language,
      languages: newsletter.languages.map((language) => ({ code: language.code, name: language.name })),
      specialties: specialties.docs.map((specialty) => ({ id: String(specialty.id), slug: specialty.slug, name: specialty.name, followed: followed.has(String(specialty.id)) })),
    })
  },
  errorPage: invalidLinkPage,
}

/** RFC 8058 one-click: the mail client POSTs `List-Unsubscribe=One-Click` to the link; no login, no second step. */
const unsubscribeNow: PublicAction = {
  path: '/newsletter/unsubscribe',
  method: 'post',
  limiter: (newsletter) => newsletter.limiters.unsubscribe,
  limitName: 'unsubscribe',
  answer: async (req, newsletter) => {
    await readLimitedBody(req, newsletter.options.maxBodyBytes)
    const subscriber = await unsubscribe(newsletter, tokenOf(req))
    if (wantsJson(req)) return Response.json({ status: 'unsubscribed' })
    const texts = newsletter.catalog.for(subscriber.language)
    return page(texts, texts.t('pageUnsubscribeTitle'), paragraph(texts.t('pageUnsubscribed', { email: subscriber.email, library: texts.t('library') })))
  },
  errorPage: invalidLinkPage,
}

const preferences: PublicAction = {
  path: '/newsletter/preferences',
  method: 'post',
  limiter: (newsletter) => newsletter.limiters.unsubscribe,
  limitName: 'preferences',
  answer: async (req, newsletter) => {
    const form = new URLSearchParams(await readLimitedBody(req, newsletter.options.maxBodyBytes))
    const subscriber = await updatePreferences(newsletter, tokenOf(req), {
      language: form.get('language') ?? undefined,
      specialties: form.getAll('specialties'),
    })
    if (wantsJson(req)) return Response.json({ status: 'saved' })
    const texts = newsletter.catalog.for(subscriber.language)
    return page(texts, texts.t('pagePreferencesHeading'), paragraph(texts.t('pageSaved')))
  },
  errorPage: invalidLinkPage,
}

const actions = [subscribe, confirm, unsubscribeQuestion, unsubscribeNow, preferences]

export const newsletterEndpoints: Endpoint[] = [...actions.map(publicEndpoint), ...preflightEndpoints(actions)]
