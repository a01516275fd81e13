import type { Endpoint, PayloadRequest } from 'payload'

import { defineEndpoint, type EndpointCall } from '../../api/endpoint'
import { clientIp, tooManyRequests, type RateLimiter } from '../../security/rateLimit'
import type { EmailTexts } from '../email/texts'
import { NewsletterError } from '../errors'
import { page, paragraph, preferencesPage, unsubscribePage, type PreferencesFormInput } from '../readerPages'
import { newsletterFor, type Newsletter } from '../createNewsletter'
import {
  confirmSubscription,
  parseSubscriptionRequest,
  requestSubscription,
  subscriberForLink,
  unsubscribe,
  updatePreferences,
} from '../subscriptions'
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

type BodyKind = 'json' | 'text'

interface PublicAction<Kind extends BodyKind> {
  path: string
  method: 'get' | 'post'
  /** The per-IP budget this action spends, and its name in the "too many requests" answer. */
  limiter: (newsletter: Newsletter) => RateLimiter
  limitName: string
  /** How a body is read, within the newsletter's `maxBodyBytes`; text when left out. */
  bodyAs?: Kind
  /** The answer to an accepted request; a `NewsletterError` it throws becomes the error answer. */
  answer: (req: PayloadRequest, newsletter: Newsletter, body: EndpointCall<'anyone', Kind>['body']) => Promise<Response>
  /**
   * The page a reader who followed a link sees for an error; without it, and whenever the caller
   * asks for JSON, errors are answered as `{ code, message }` with the error's status.
   */
  errorPage?: (error: NewsletterError, texts: EmailTexts) => Response
}

const bodyTooLarge = ({ maxBytes }: { maxBytes: number }) =>
  new NewsletterError({ code: 'NEWSLETTER_BODY_TOO_LARGE', status: 413, message: `The request body is larger than ${maxBytes} bytes; send only the subscription fields.` })

const bodyNotJson = () =>
  new NewsletterError({
    code: 'NEWSLETTER_BODY_INVALID',
    status: 400,
    message: 'The body is not JSON. Send { "email": "…", "locale": "en", "specialties": ["orthopaedics"] } with Content-Type: application/json.',
  })

/**
 * One public endpoint: rate-limited per IP before its body is read, its errors answered as JSON
 * or as a page, CORS for allowed origins on every answer.
 */
function publicEndpoint<Kind extends BodyKind = 'text'>(action: PublicAction<Kind>): Endpoint {
  const errorPage = action.errorPage
  return defineEndpoint({
    path: action.path,
    method: action.method,
    who: 'anyone',
    body: { as: action.bodyAs ?? ('text' as Kind), limit: (req) => newsletterFor(req.payload).options.maxBodyBytes, tooLarge: bodyTooLarge, malformed: bodyNotJson },
    handler: async ({ req, body }) => {
      const newsletter = newsletterFor(req.payload)
      const decision = action.limiter(newsletter).hit(clientIp(req.headers, newsletter.options.trustedProxyHops))
      if (!decision.allowed) return tooManyRequests(decision, action.limitName)
      return action.answer(req, newsletter, body)
    },
    refusalPage: (error, req) =>
      errorPage && error instanceof NewsletterError && !wantsJson(req) ? errorPage(error, readerTexts(newsletterFor(req.payload), req)) : undefined,
    everyAnswer: (response, req) => withCors(response, newsletterFor(req.payload).options.allowedOrigins, req.headers),
  })
}

/** The preflight of every public path, answered for allowed origins only. */
function preflightEndpoints(endpoints: Endpoint[]): Endpoint[] {
  const methodsByPath = new Map<string, string[]>()
  for (const endpoint of endpoints) methodsByPath.set(endpoint.path, [...(methodsByPath.get(endpoint.path) ?? []), endpoint.method])
  return [...methodsByPath].map(([path, methods]) =>
    defineEndpoint({
      path,
      method: 'options',
      who: 'anyone',
      handler: ({ req }) => preflight(methods, newsletterFor(req.payload).options.allowedOrigins, req.headers),
    }),
  )
}

function linkUrls(newsletter: Newsletter, token: string) {
  const query = `token=${encodeURIComponent(token)}`
  return {
    unsubscribe: `${newsletter.options.publicUrl}/api/newsletter/unsubscribe?${query}`,
    preferences: `${newsletter.options.publicUrl}/api/newsletter/preferences?${query}`,
  }
}

const invalidLinkPage = (error: NewsletterError, texts: EmailTexts) => page(texts, texts.t('pageInvalidLinkTitle'), paragraph(texts.t('pageInvalidLink')), error.status)

const subscribe = publicEndpoint({
  path: '/newsletter/subscribe',
  method: 'post',
  limiter: (newsletter) => newsletter.limiters.subscribe,
  limitName: 'subscribe',
  bodyAs: 'json',
  answer: async (req, newsletter, body) => {
    const fields = await body()
    if (fields === undefined) throw bodyNotJson()
    const request = parseSubscriptionRequest(fields, newsletter.languages.map((language) => language.code))
    await requestSubscription(newsletter, request, { ip: clientIp(req.headers, newsletter.options.trustedProxyHops), origin: req.headers.get('origin') })
    return Response.json(ACCEPTED, { status: 202 })
  },
})

const confirm = publicEndpoint({
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
})

/**
 * A reader's page from an email link, in their language, with their current choices filled in.
 * Showing it changes nothing: link scanners that open every URL must not unsubscribe anyone.
 */
function readerPage(render: (texts: EmailTexts, unsubscribeAction: string, form: PreferencesFormInput) => Response) {
  return async (req: PayloadRequest, newsletter: Newsletter): Promise<Response> => {
    const token = tokenOf(req) ?? ''
    const subscriber = await subscriberForLink(newsletter, token)
    const texts = newsletter.catalog.for(subscriber.language)
    const specialties = await req.payload.find({ collection: 'specialties', locale: subscriber.language as never, depth: 0, limit: 200, sort: 'name', overrideAccess: false, req })
    const followed = new Set((subscriber.specialties ?? []).map((specialty) => relationId(specialty)!))
    const urls = linkUrls(newsletter, token)
    return render(texts, urls.unsubscribe, {
      actionUrl: urls.preferences,
      email: subscriber.email,
      language: subscriber.language,
      frequency: subscriber.frequency ?? 'every-update',
      languages: newsletter.languages.map((language) => ({ code: language.code, name: language.name })),
      specialties: specialties.docs.map((specialty) => ({ id: String(specialty.id), slug: specialty.slug, name: specialty.name, followed: followed.has(String(specialty.id)) })),
    })
  }
}

const unsubscribeQuestion = publicEndpoint({
  path: '/newsletter/unsubscribe',
  method: 'get',
  limiter: (newsletter) => newsletter.limiters.unsubscribe,
  limitName: 'unsubscribe',
  answer: readerPage(unsubscribePage),
  errorPage: invalidLinkPage,
})

const preferencesForm = publicEndpoint({
  path: '/newsletter/preferences',
  method: 'get',
  limiter: (newsletter) => newsletter.limiters.unsubscribe,
  limitName: 'preferences',
  answer: readerPage(preferencesPage),
  errorPage: invalidLinkPage,
})

/** RFC 8058 one-click: the mail client POSTs `List-Unsubscribe=One-Click` to the link; no login, no second step. */
const unsubscribeNow = publicEndpoint({
  path: '/newsletter/unsubscribe',
  method: 'post',
  limiter: (newsletter) => newsletter.limiters.unsubscribe,
  limitName: 'unsubscribe',
  answer: async (req, newsletter, body) => {
    await body()
    const subscriber = await unsubscribe(newsletter, tokenOf(req))
    if (wantsJson(req)) return Response.json({ status: 'unsubscribed' })
    const texts = newsletter.catalog.for(subscriber.language)
    return page(texts, texts.t('pageUnsubscribeTitle'), paragraph(texts.t('pageUnsubscribed', { email: subscriber.email, library: texts.t('library') })))
  },
  errorPage: invalidLinkPage,
})

const preferences = publicEndpoint({
  path: '/newsletter/preferences',
  method: 'post',
  limiter: (newsletter) => newsletter.limiters.unsubscribe,
  limitName: 'preferences',
  answer: async (req, newsletter, body) => {
    const form = new URLSearchParams(await body())
    const subscriber = await updatePreferences(newsletter, tokenOf(req), {
      language: form.get('language') ?? undefined,
      frequency: form.get('frequency'),
      specialties: form.getAll('specialties'),
    })
    if (wantsJson(req)) return Response.json({ status: 'saved' })
    const texts = newsletter.catalog.for(subscriber.language)
    return page(texts, texts.t('pagePreferencesHeading'), paragraph(texts.t('pageSaved')))
  },
  errorPage: invalidLinkPage,
})

const publicEndpoints = [subscribe, confirm, unsubscribeQuestion, unsubscribeNow, preferencesForm, preferences]

export const newsletterEndpoints: Endpoint[] = [...publicEndpoints, ...preflightEndpoints(publicEndpoints)]
