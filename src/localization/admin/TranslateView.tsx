import { Banner, Gutter } from '@payloadcms/ui'
import type { DocumentViewServerProps } from 'payload'
import React from 'react'

import { hasRole, localesOf } from '../../access/roles'
import '../../admin/ui/adminViews.scss'
import { viewLabels, type ViewLabels } from '../../admin/ui/labels'
import { isSafeLinkAddress } from '../../content/linkAddresses'
import type { User } from '../../payload-types'
import { articleUnits, HERO_ALT_UNIT, type ArticleUnit } from '../articleUnits'
import { findFacts, readArticleInAllLocales, readHeroAlt, relationId, sourceSnapshot } from '../translationRecords'
import { FORMAT_SUBTYPES, type Inline, type LexicalNode } from '../inlineContent'
import { markupFromInline } from '../inlineMarkup'
import { loadLanguages, SOURCE_LOCALE } from '../../languages/registry'
import { statusOf, translationLanguages } from '../localeTranslationStatus'
import { mayWriteTranslation } from '../translationWriters'
import { localeActions } from './localeActions'
import { ReadabilityGrade } from '../../readability/admin/ReadabilityGrade'
import { specialtyReadabilityPolicy } from '../../readability/policy'
import { readabilityReport } from '../../readability/report'
import { TranslateEditor, type EditorGroup, type EditorLabels } from './TranslateEditor'

type T = ViewLabels['t']

const FORMAT_ELEMENTS: Record<number, keyof React.JSX.IntrinsicElements> = { 1: 'strong', 2: 'em', 4: 's', 8: 'u', 16: 'code', 32: 'sub', 64: 'sup', 128: 'mark' }

/** The source text of a unit as a reader sees it: formatting, links (to their address, when it is a safe one) and line breaks. */
function SourceText({ inline, refs }: { inline: Inline[]; refs: Map<string, LexicalNode> }) {
  return (
    <>
      {inline.map((part, index) => {
        switch (part.kind) {
          case 'text':
            return FORMAT_SUBTYPES.filter(({ bit }) => part.format & bit).reduce<React.ReactNode>(
              (inner, { bit }) => React.createElement(FORMAT_ELEMENTS[bit] ?? 'span', { key: `${index}-${bit}` }, inner),
              <React.Fragment key={index}>{part.text}</React.Fragment>,
            )
          case 'break':
            return <br key={index} />
          case 'link': {
            const url = (refs.get(part.ref)?.fields as { url?: unknown } | undefined)?.url
            // Stored text is not trusted to be clean: an address a browser would run (javascript:,
            // data:, vbscript:, …) keeps its words but loses its link.
            const href = typeof url === 'string' && isSafeLinkAddress(url) ? url : undefined
            return (
              <a key={index} href={href} target="_blank" rel="noreferrer" title={`<${part.ref}>`}>
                <SourceText inline={part.children} refs={refs} />
              </a>
            )
          }
          case 'opaque':
            return <code key={index}>{`<${part.ref}/>`}</code>
        }
      })}
    </>
  )
}

/** A unit's name in the admin's language; the section it belongs to is named by its group. */
function unitLabel(t: T, unit: ArticleUnit): string {
  if (unit.id === 'title' || unit.id === 'summary' || unit.id === 'changelogNote') return t(`field_${unit.id}`)
  if (unit.id === HERO_ALT_UNIT) return t('unitHeroAlt')
  const paragraph = unit.id.match(/\.p(\d+)$/)
  if (paragraph) return t('unitParagraph', { number: Number(paragraph[1]) })
  const nested = (unit.id.match(/\.i\./g) ?? []).length > 1
  if (unit.id.endsWith('.heading')) return t('unitHeading')
  if (unit.id.endsWith('.term')) return t(nested ? 'unitSubTerm' : 'unitTerm')
  if (unit.id.endsWith('.explanation')) return t(nested ? 'unitSubExplanation' : 'unitExplanation')
  return unit.label
}

function editorLabels(t: T, languageName: string): EditorLabels {
  return {
    english: t('columnSource'),
    translation: t('columnTranslation', { language: languageName }),
    outdated: t('sectionOutdated'),
    untranslated: t('sectionUntranslated'),
    confirm: t('confirmStillCorrect'),
    save: t('saveTranslation'),
    saved: t('translationSaved'),
    saveFirst: t('saveBeforeSubmitting'),
    noChanges: t('noChangesToSave'),
    failed: t('translationSaveFailed'),
    markupHint: t('markupHint'),
    note: t('admin:noteLabel'),
    noteHint: t('sendBackNoteHint'),
    actions: { in_review: t('localeAction_in_review'), approved: t('localeAction_approved'), in_progress: t('localeAction_in_progress') },
    downloadXliff: t('downloadXliff'),
    downloadOutdatedXliff: t('downloadOutdatedXliff'),
    uploadXliff: t('uploadXliff'),
    uploaded: t('xliffUploaded'),
    uploadFailed: t('xliffUploadFailed'),
    working: t('admin:working'),
    readabilityWarning: t('admin:readabilityWarning', { skipInterpolation: true }),
  }
}

/**
 * The article's "Translate" tab: every text of the article in the source language next to its
 * translation in one language, section by section, with the sections whose source changed since
 * they were translated highlighted. Translators of the language (and editors) edit and save a
 * draft, submit it, and exchange XLIFF files; a reviewer of the language reads it and approves it
 * or sends it back. A translator cannot open a language that is not theirs.
 */
export async function TranslateView({ doc, i18n, payload, searchParams, user }: DocumentViewServerProps) {
  const { t } = await viewLabels(i18n?.language)
  const viewer = user as User | null
  if (!viewer || !doc?.id) return null
  const languages = translationLanguages(loadLanguages())
  const ownLocales = localesOf(viewer).filter((code) => languages.some((language) => language.code === code))
  const requested = typeof searchParams?.locale === 'string' ? searchParams.locale : undefined
  const locale = requested && languages.some((language) => language.code === requested) ? requested : (ownLocales[0] ?? languages[0]?.code)
  const language = languages.find((entry) => entry.code === locale)
  const translatorOnly = hasRole(viewer, 'translator') && !hasRole(viewer, 'admin', 'editor', 'reviewer')

  if (!language || (translatorOnly && !ownLocales.includes(language.code))) {
    return (
      <Gutter className="vp-view">
        <h2>{t('translateTitle')}</h2>
        <Banner type="error">
          <span data-testid="translate-refused">
            {t('translateNotYourLanguage', { language: language?.name ?? requested ?? '', languages: ownLocales.map((code) => languages.find((entry) => entry.code === code)?.name ?? code).join(', ') })}
          </span>
        </Banner>
      </Gutter>
    )
  }

  const articleId = String(doc.id)
  const article = await readArticleInAllLocales(payload, articleId)
  if (!article) return null
  const units = articleUnits(article, language.code, await readHeroAlt(payload, article))
  const record = await findFacts(payload, articleId, language.code)
  const status = statusOf(language, record, sourceSnapshot(article, articleUnits(article, SOURCE_LOCALE)))
  const mayEdit = mayWriteTranslation(viewer, language.code).allowed

  const outdated = new Set([...status.outdatedSections, ...status.outdatedFields])
  const untranslated = new Set(status.untranslatedSections)
  const toUnit = (unit: ArticleUnit) => ({
    id: unit.id,
    label: unitLabel(t, unit),
    rich: unit.rich,
    source: <SourceText inline={unit.source} refs={unit.refs} />,
    target: markupFromInline(unit.target),
  })
  const groups: EditorGroup[] = []
  const lead = units.filter((unit) => unit.group === 'title' || unit.group === 'summary')
  groups.push({
    id: 'title',
    title: t('titleAndSummary'),
    outdated: lead.some((unit) => outdated.has(String(unit.group))),
    untranslated: false,
    confirmGroups: lead.filter((unit) => outdated.has(String(unit.group))).map((unit) => String(unit.group)),
    units: lead.map(toUnit),
  })
  ;(article.sections ?? []).forEach((section, index) => {
    const id = String(section.id)
    groups.push({
      id,
      title: t('sectionName', { position: index + 1, heading: section.heading?.[SOURCE_LOCALE] ?? '' }),
      outdated: outdated.has(id),
      untranslated: untranslated.has(id),
      confirmGroups: outdated.has(id) ? [id] : [],
      units: units.filter((unit) => unit.group === id).map(toUnit),
    })
  })
  const others = units.filter((unit) => unit.group === null)
  if (others.length > 0) groups.push({ id: 'other', title: t('otherTexts'), outdated: false, untranslated: false, confirmGroups: [], units: others.map(toUnit) })

  const policy = await specialtyReadabilityPolicy(payload, article.specialty)
  const sourceLanguage = loadLanguages().find((entry) => entry.code === SOURCE_LOCALE)
  const readability = readabilityReport(article.readability, sourceLanguage ? [sourceLanguage, language] : [language], policy)
  const actions = localeActions(viewer, language.code, relationId(record?.translator), status)
  const changedCount = status.outdatedSections.length + status.outdatedFields.length

  return (
    <Gutter className="vp-view vp-translate">
      <h2>
        {t('translateTitle')}: {language.name}{' '}
        <span className={`vp-badge vp-badge--${status.state}`} data-testid="locale-state">
          {t(`localeState_${status.state}`)}
        </span>
      </h2>
      <p className="vp-view__intro">
        {changedCount > 0 ? t('translateIntroOutdated', { count: changedCount }) : t('translateIntro')}
        {status.reviewNote && status.state === 'in_progress' ? ` ${t('sentBackWithNote', { note: status.reviewNote })}` : ''}
      </p>
      <p className="vp-view__intro" data-testid="translate-readability">
        {t('readabilitySourceAndTranslation', { target: policy.targetGrade })}:{' '}
        {readability.map((line, index) => (
          <React.Fragment key={line.locale}>
            {index > 0 && ' · '}
            <strong>{line.name}</strong> <ReadabilityGrade t={t} score={line.score} verdict={line.verdict} testId={`translate-readability-${line.locale}`} />
          </React.Fragment>
        ))}
      </p>
      <nav className="vp-translate__toolbar" aria-label={t('languagesLabel')}>
        {languages
          .filter((entry) => !translatorOnly || ownLocales.includes(entry.code))
          .map((entry) => (
            <a
              key={entry.code}
              className={`btn btn--style-${entry.code === language.code ? 'primary' : 'secondary'} btn--size-small`}
              style={{ margin: 0 }}
              href={`${payload.config.routes.admin}/collections/articles/${articleId}/translate?locale=${entry.code}`}
            >
              {entry.name}
            </a>
          ))}
      </nav>
      <TranslateEditor
        articleId={articleId}
        locale={language.code}
        dir={language.dir}
        mayEdit={mayEdit}
        groups={groups}
        actions={actions}
        labels={editorLabels(t, language.name)}
      />
    </Gutter>
  )
}
