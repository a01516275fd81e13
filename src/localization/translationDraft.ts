import type { Endpoint, Payload, PayloadRequest } from 'payload'

import { hasRole, localesOf } from '../access/roles'
import type { User } from '../payload-types'
import { articleUnits, HERO_ALT_UNIT, translationUpdate, type ArticleUnit } from './articleUnits'
import { LocalizationError } from './errors'
import { readArticleInAllLocales, readHeroAlt, relationId } from './translationRecords'
import { canonicalInline, isBlank, type Inline } from './inlineContent'
import { inlineFromMarkup, type MarkupProblem } from './inlineMarkup'
import { recordTranslationWrite } from './recordTranslation'
import { assertTranslationLocale, translationStatus, type LocaleTranslationStatus } from './localeTranslationStatus'

/** One unit the editor could not read, named so the translator finds it. */
export interface UnitProblem {
  unit: string
  label: string
  code: 'UNIT_UNKNOWN' | 'UNIT_EMPTY' | 'UNIT_RAW_HTML' | 'MARKUP_UNBALANCED' | 'MARKUP_UNKNOWN_REFERENCE'
  message: string
}

export interface TranslationDraftInput {
  articleId: string
  locale: string
  /** Unit id → the unit's text in the side-by-side editor's markup (src/localization/inlineMarkup.ts). */
  units: Record<string, string>
  /** Sections (or `title`, `summary`) whose translation the translator confirms as still right for the changed source. */
  confirmed: string[]
  user: User
}

export interface TranslationDraftResult {
  /** The units whose translation changed. */
  written: number
  status: LocaleTranslationStatus
}

/** Text that looks like an HTML tag: a translation is text and the editor's own tags, never HTML (as in XLIFF imports). */
const RAW_HTML = /<\/?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?\/?>/

function rawHtmlIn(inline: Inline[]): string | null {
  for (const part of inline) {
    if (part.kind === 'text' && RAW_HTML.test(part.text)) return part.text.match(RAW_HTML)?.[0] ?? null
    if (part.kind === 'link') {
      const found = rawHtmlIn(part.children)
      if (found) return found
    }
  }
  return null
}

function rawHtmlProblem(unit: ArticleUnit, tag: string): UnitProblem {
  return {
    unit: unit.id,
    label: unit.label,
    code: 'UNIT_RAW_HTML',
    message: `${unit.label}: "${tag}" looks like HTML. Type text only; formatting uses the tags the English text shows (<b>, <i>, <l1>…).`,
  }
}

function markupProblem(unit: ArticleUnit, problem: MarkupProblem): UnitProblem {
  return {
    unit: unit.id,
    label: unit.label,
    code: problem.code,
    message:
      problem.code === 'MARKUP_UNBALANCED'
        ? `${unit.label}: the tag <${problem.tag}> is not closed (or closed out of order). Close each tag after the words it formats.`
        : `${unit.label}: <${problem.tag}> is not a link or placeholder of the English text. Keep only the tags the source shows.`,
  }
}

/** The unit's text as inline content: plain units verbatim, rich ones read from the editor's markup. */
export function unitTarget(unit: ArticleUnit, text: string): { inline: Inline[]; problems: UnitProblem[] } {
  const refs = [...unit.refs.entries()]
  const parsed: { inline: Inline[]; problems: MarkupProblem[] } = unit.rich
    ? inlineFromMarkup(text, {
        links: refs.filter(([, node]) => Array.isArray(node.children)).map(([ref]) => ref),
        placeholders: refs.filter(([, node]) => !Array.isArray(node.children)).map(([ref]) => ref),
      })
    : { inline: text === '' ? [] : [{ kind: 'text', text, format: 0 }], problems: [] }
  const html = rawHtmlIn(parsed.inline)
  return {
    inline: parsed.inline,
    problems: [...(html ? [rawHtmlProblem(unit, html)] : []), ...parsed.problems.map((problem) => markupProblem(unit, problem))],
  }
}

/**
 * Who may save a locale's texts, as the article's update rule has it: editors, reviewers and admins
 * in any language, translators in theirs. Checked before anything is read or written, because a
 * save that changes no text still records confirmed sections in the translation's facts.
 */
function assertMayWriteTranslation(user: User, locale: string): void {
  if (hasRole(user, 'admin', 'editor', 'reviewer')) return
  if (hasRole(user, 'translator') && localesOf(user).includes(locale)) return
  throw new LocalizationError(
    'TRANSLATION_NOT_PERMITTED',
    403,
    `You cannot save a ${locale} translation: only translators of ${locale} (and editors) can. Ask an admin to add ${locale} to your languages.`,
  )
}

/**
 * Saves a translator's work from the side-by-side editor as a draft of the article in their
 * language, with their own access rules (a translator writes only their languages' texts). Only
 * units whose text changed are written; confirmed sections count as translated from the current
 * source, so a translation whose wording still fits a changed section need not be retyped.
 */
export async function saveTranslationDraft(payload: Payload, input: TranslationDraftInput, req?: Partial<PayloadRequest>): Promise<TranslationDraftResult> {
  const language = assertTranslationLocale(input.locale)
  assertMayWriteTranslation(input.user, input.locale)
  const article = await readArticleInAllLocales(payload, input.articleId, req)
  if (!article) throw new LocalizationError('ARTICLE_NOT_FOUND', 404, `No article has the id ${input.articleId}.`)
  const heroAlt = await readHeroAlt(payload, article, req)
  const units = new Map(articleUnits(article, input.locale, heroAlt).map((unit) => [unit.id, unit]))

  const problems: UnitProblem[] = []
  const targets = new Map<string, Inline[]>()
  for (const [id, text] of Object.entries(input.units)) {
    const unit = units.get(id)
    if (!unit) {
      problems.push({ unit: id, label: id, code: 'UNIT_UNKNOWN', message: `The article has no text "${id}" any more; reload the page to see its current texts.` })
      continue
    }
    const { inline, problems: unitProblems } = unitTarget(unit, text)
    problems.push(...unitProblems)
    if (unitProblems.length > 0) continue
    if (isBlank(inline)) {
      if (unit.target) problems.push({ unit: id, label: unit.label, code: 'UNIT_EMPTY', message: `${unit.label}: the translation is empty. Translate it, or leave it as it was.` })
      continue
    }
    if (!unit.target || canonicalInline(unit.target) !== canonicalInline(inline)) targets.set(id, inline)
  }
  if (problems.length > 0) {
    throw new LocalizationError('TRANSLATION_UNITS_INVALID', 422, `Nothing was saved: ${problems.map((problem) => problem.message).join(' ')}`, { problems })
  }

  if (targets.size > 0) {
    await payload.update({
      collection: 'articles',
      id: input.articleId,
      locale: input.locale as never,
      draft: true,
      data: translationUpdate(article, input.locale, targets, language.dir) as never,
      user: input.user,
      overrideAccess: false,
      depth: 0,
      req,
    })
    const alt = targets.get(HERO_ALT_UNIT)
    const heroId = relationId(article.heroImage)
    if (alt && heroId) {
      await payload.update({
        collection: 'media',
        id: heroId,
        locale: input.locale as never,
        data: { alt: alt.map((part) => (part.kind === 'text' ? part.text : '')).join('') },
        user: input.user,
        overrideAccess: false,
        depth: 0,
        req,
      })
    }
  }
  const groups = new Set([...targets.keys()].map((id) => units.get(id)?.group).filter((group): group is string => Boolean(group)))
  const known = new Set([...units.values()].map((unit) => unit.group))
  for (const group of input.confirmed) if (known.has(group)) groups.add(group)
  await recordTranslationWrite(payload, { articleId: input.articleId, locale: input.locale, touchedGroups: [...groups], actorId: String(input.user.id) }, req)
  return { written: targets.size, status: await translationStatus(payload, input.articleId, input.locale, req) }
}

/**
 * `POST /api/articles/:id/locales/:locale/draft` with `{ units: { [unitId]: text }, confirmed?: [sectionId] }`:
 * 200 with the locale's status; 400 bad body; 401 not signed in; 403 not your language; 422 with
 * `problems` when a text cannot be read (nothing is saved).
 */
export const translationDraftEndpoint: Endpoint = {
  path: '/:id/locales/:locale/draft',
  method: 'post',
  handler: async (req) => {
    try {
      if (!req.user) throw new LocalizationError('UNAUTHENTICATED', 401, 'Sign in first: translations are saved by the editorial team.')
      let body: { units?: unknown; confirmed?: unknown } = {}
      try {
        body = (await req.json?.()) ?? {}
      } catch {
        // answered below
      }
      const units = body.units
      const confirmed = body.confirmed ?? []
      if (!units || typeof units !== 'object' || Array.isArray(units) || Object.values(units).some((value) => typeof value !== 'string')) {
        throw new LocalizationError('TRANSLATION_DRAFT_INVALID', 400, 'Send {"units": {"<unit id>": "<translation>"}} with the texts to save.')
      }
      if (!Array.isArray(confirmed) || confirmed.some((value) => typeof value !== 'string')) {
        throw new LocalizationError('TRANSLATION_DRAFT_INVALID', 400, '"confirmed" is a list of section ids.')
      }
      const result = await saveTranslationDraft(
        req.payload,
        {
          articleId: String(req.routeParams?.id ?? ''),
          locale: String(req.routeParams?.locale ?? ''),
          units: units as Record<string, string>,
          confirmed: confirmed as string[],
          user: req.user as User,
        },
        req,
      )
      return Response.json(result)
    } catch (error) {
      if (error instanceof LocalizationError) {
        return Response.json({ code: error.code, message: error.message, ...error.details }, { status: error.status })
      }
      throw error
    }
  },
}
