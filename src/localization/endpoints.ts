import type { Endpoint, PayloadHandler, PayloadRequest } from 'payload'

import type { User } from '../payload-types'
import { LocalizationError } from './errors'
import { LOCALE_STATES, type LocaleState } from './localeState'
import { articleTranslationStatuses, translationCoverage } from './localeTranslationStatus'
import { transitionLocale } from './transitionLocale'
import { exportXliff } from './xliff/export'
import { DEFAULT_XLIFF_MAX_BYTES, importXliff } from './xliff/import'
import { XliffImportError } from './xliff/problems'

export interface LocalizationEndpointOptions {
  /** The largest XLIFF file an import accepts, in bytes. */
  xliffMaxBytes?: number
}

/** Answers a refusal as `{ code, message, … }` with its status (as the article workflow does); anything else is Payload's. */
function answering(work: (req: PayloadRequest) => Promise<unknown>): PayloadHandler {
  return async (req) => {
    try {
      const result = await work(req)
      return result instanceof Response ? result : Response.json(result)
    } catch (error) {
      if (error instanceof LocalizationError) {
        return Response.json({ code: error.code, message: error.message, ...error.details }, { status: error.status })
      }
      throw error
    }
  }
}

function signedIn(req: PayloadRequest): User {
  if (!req.user) throw new LocalizationError('UNAUTHENTICATED', 401, 'Sign in first: translation status and files are for the editorial team.')
  return req.user as User
}

const param = (req: PayloadRequest, name: string) => String(req.routeParams?.[name] ?? '')

async function readJsonBody(req: PayloadRequest): Promise<Record<string, unknown>> {
  const text = (await req.text?.()) ?? ''
  if (text.trim() === '') return {}
  try {
    const body = JSON.parse(text)
    if (body && typeof body === 'object' && !Array.isArray(body)) return body as Record<string, unknown>
  } catch {
    // answered below
  }
  throw new LocalizationError('LOCALE_TRANSITION_INVALID', 400, 'The body is not a JSON object; send for example {"to": "in_review"} or {"to": "in_progress", "note": "…"}.')
}

/**
 * Reads a request body as text, refusing it unread when it declares more than `maxBytes` and
 * stopping as soon as more arrives, so an oversized upload never fills memory.
 */
async function readLimitedText(req: PayloadRequest, maxBytes: number): Promise<string> {
  const tooLarge = (bytes: number) =>
    new XliffImportError(
      [{ code: 'XLIFF_TOO_LARGE', message: `The file is ${(bytes / 1048576).toFixed(1)} MB or more; an article's XLIFF file may be at most ${(maxBytes / 1048576).toFixed(1)} MB. Export one article per file.` }],
      413,
    )
  const declared = Number(req.headers.get('content-length') ?? NaN)
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(declared)
  const body = req.body as ReadableStream<Uint8Array> | null | undefined
  if (!body) return (await req.text?.()) ?? ''
  const reader = body.getReader()
  const chunks: Uint8Array[] = []
  let received = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    received += value.byteLength
    if (received > maxBytes) {
      await reader.cancel()
      throw tooLarge(received)
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks).toString('utf8')
}

const truthy = (value: string | null) => value === '' || value === '1' || value === 'true'

/**
 * The endpoints of the translation workflow under `/api/articles`:
 * - `POST /:id/locales/:locale/transition` `{ to, note? }`: 200 with the locale's new status; 400
 *   bad body or locale; 401 not signed in; 403 not your language or role, or your own translation;
 *   404 no such article; 409 not allowed from the current state (or still outdated).
 * - `GET /:id/translations`: every locale's state, with the outdated section ids.
 * - `GET /:id/xliff?locale=hi[&outdatedOnly=true]`: the XLIFF 2.0 file for a locale.
 * - `POST /:id/xliff[?locale=hi]`: imports a translated file (body: the file); 422 lists every problem, nothing written.
 */
export const articleTranslationEndpoints = (options: LocalizationEndpointOptions = {}): Endpoint[] => [
  {
    path: '/:id/locales/:locale/transition',
    method: 'post',
    handler: answering(async (req) => {
      const user = signedIn(req)
      const body = await readJsonBody(req)
      const result = await transitionLocale(req.payload, { articleId: param(req, 'id'), locale: param(req, 'locale'), to: body.to, note: body.note, user }, req)
      return {
        id: param(req, 'id'),
        locale: result.status.locale,
        from: result.from,
        state: result.status.state,
        versionId: result.status.approvedVersionId,
        eventId: result.eventId,
        status: result.status,
      }
    }),
  },
  {
    path: '/:id/translations',
    method: 'get',
    handler: answering(async (req) => {
      signedIn(req)
      return articleTranslationStatuses(req.payload, param(req, 'id'), req)
    }),
  },
  {
    path: '/:id/xliff',
    method: 'get',
    handler: answering(async (req) => {
      signedIn(req)
      const locale = req.searchParams?.get('locale') ?? ''
      if (!locale) throw new LocalizationError('LOCALE_UNKNOWN', 400, 'Say which language to export: add ?locale=hi (for example).')
      const exported = await exportXliff(req.payload, { articleId: param(req, 'id'), locale, outdatedOnly: truthy(req.searchParams?.get('outdatedOnly') ?? null) }, req)
      return new Response(exported.xml, {
        headers: {
          'Content-Type': 'application/xliff+xml; charset=utf-8',
          'Content-Disposition': `attachment; filename="${exported.slug}.${locale}.xlf"`,
        },
      })
    }),
  },
  {
    path: '/:id/xliff',
    method: 'post',
    handler: answering(async (req) => {
      const user = signedIn(req)
      const xml = await readLimitedText(req, options.xliffMaxBytes ?? DEFAULT_XLIFF_MAX_BYTES)
      const locale = req.searchParams?.get('locale') || undefined
      const result = await importXliff(req.payload, { xml, user, articleId: param(req, 'id'), locale, maxBytes: options.xliffMaxBytes }, req)
      return { id: result.articleId, locale: result.locale, units: result.units, state: result.transition.status.state, status: result.transition.status }
    }),
  },
]

const list = (value: string | null | undefined) => (value ? value.split(',').map((part) => part.trim()).filter(Boolean) : [])

/** `GET /api/translations/coverage[?locale=hi,ta][&state=outdated][&q=title words][&page=1&limit=100]`: articles × locales for a dashboard. */
export const coverageEndpoint: Endpoint = {
  path: '/translations/coverage',
  method: 'get',
  handler: answering(async (req) => {
    signedIn(req)
    const states = list(req.searchParams?.get('state'))
    const unknown = states.filter((state) => !LOCALE_STATES.includes(state as LocaleState))
    if (unknown.length > 0) {
      throw new LocalizationError('TRANSLATION_STATE_UNKNOWN', 400, `Unknown state ${unknown.join(', ')}: filter by ${LOCALE_STATES.join(', ')}.`)
    }
    const page = Number(req.searchParams?.get('page') ?? 1)
    const limit = Number(req.searchParams?.get('limit') ?? 100)
    return translationCoverage(
      req.payload,
      {
        locales: list(req.searchParams?.get('locale')),
        states: states as LocaleState[],
        titleWords: (req.searchParams?.get('q') ?? '').split(/\s+/).filter(Boolean),
        page: Number.isInteger(page) && page > 0 ? page : 1,
        limit: Number.isInteger(limit) && limit > 0 && limit <= 500 ? limit : 100,
      },
      req,
    )
  }),
}
