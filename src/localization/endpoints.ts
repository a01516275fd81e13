import type { Endpoint } from 'payload'

import { defineEndpoint } from '../api/endpoint'
import { MB } from '../api/requestBody'
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

const editorialTeam = {
  unauthenticated: { code: 'UNAUTHENTICATED', message: 'Sign in first: translation status and files are for the editorial team.' },
}

const transitionBodyInvalid = () =>
  new LocalizationError({
    code: 'LOCALE_TRANSITION_INVALID',
    status: 400,
    message: 'The body is not a JSON object; send for example {"to": "in_review"} or {"to": "in_progress", "note": "…"}.',
  })

const isJsonObject = (body: unknown): body is Record<string, unknown> => typeof body === 'object' && body !== null && !Array.isArray(body)

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
  defineEndpoint({
    path: '/:id/locales/:locale/transition',
    method: 'post',
    who: editorialTeam,
    body: { as: 'json', malformed: transitionBodyInvalid },
    handler: async ({ req, user, body, param }) => {
      const fields = (await body()) ?? {}
      if (!isJsonObject(fields)) throw transitionBodyInvalid()
      const result = await transitionLocale(req.payload, { articleId: param('id'), locale: param('locale'), to: fields.to, note: fields.note, user }, req)
      return {
        id: param('id'),
        locale: result.status.locale,
        from: result.from,
        state: result.status.state,
        versionId: result.status.approvedVersionId,
        eventId: result.eventId,
        status: result.status,
        warnings: result.warnings,
      }
    },
  }),
  defineEndpoint({
    path: '/:id/translations',
    method: 'get',
    who: editorialTeam,
    handler: ({ req, param }) => articleTranslationStatuses(req.payload, param('id'), req),
  }),
  defineEndpoint({
    path: '/:id/xliff',
    method: 'get',
    who: editorialTeam,
    handler: async ({ req, param }) => {
      const locale = req.searchParams?.get('locale') ?? ''
      if (!locale) throw new LocalizationError({ code: 'LOCALE_UNKNOWN', status: 400, message: 'Say which language to export: add ?locale=hi (for example).' })
      const exported = await exportXliff(req.payload, { articleId: param('id'), locale, outdatedOnly: truthy(req.searchParams?.get('outdatedOnly') ?? null) }, req)
      return new Response(exported.xml, {
        headers: {
          'Content-Type': 'application/xliff+xml; charset=utf-8',
          'Content-Disposition': `attachment; filename="${exported.slug}.${locale}.xlf"`,
        },
      })
    },
  }),
  // The API's guard passes this route through unread (`selfLimited`), so the file is streamed here against its own limit.
  defineEndpoint({
    path: '/:id/xliff',
    method: 'post',
    who: editorialTeam,
    body: {
      as: 'text',
      limit: options.xliffMaxBytes ?? DEFAULT_XLIFF_MAX_BYTES,
      tooLarge: ({ bytes, maxBytes }) =>
        new XliffImportError({
          problems: [
            {
              code: 'XLIFF_TOO_LARGE',
              message: `The file is ${(bytes / MB).toFixed(1)} MB or more; an article's XLIFF file may be at most ${(maxBytes / MB).toFixed(1)} MB. Export one article per file.`,
            },
          ],
          status: 413,
        }),
    },
    handler: async ({ req, user, body, param }) => {
      const xml = await body()
      const locale = req.searchParams?.get('locale') || undefined
      const result = await importXliff(req.payload, { xml, user, articleId: param('id'), locale, maxBytes: options.xliffMaxBytes }, req)
      return { id: result.articleId, locale: result.locale, units: result.units, state: result.transition.status.state, status: result.transition.status }
    },
  }),
]

const list = (value: string | null | undefined) => (value ? value.split(',').map((part) => part.trim()).filter(Boolean) : [])

/** `GET /api/translations/coverage[?locale=hi,ta][&state=outdated][&q=title words][&page=1&limit=100]`: articles × locales for a dashboard. */
export const coverageEndpoint: Endpoint = defineEndpoint({
  path: '/translations/coverage',
  method: 'get',
  who: editorialTeam,
  handler: ({ req }) => {
    const states = list(req.searchParams?.get('state'))
    const unknown = states.filter((state) => !LOCALE_STATES.includes(state as LocaleState))
    if (unknown.length > 0) {
      throw new LocalizationError({ code: 'TRANSLATION_STATE_UNKNOWN', status: 400, message: `Unknown state ${unknown.join(', ')}: filter by ${LOCALE_STATES.join(', ')}.` })
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
  },
})
