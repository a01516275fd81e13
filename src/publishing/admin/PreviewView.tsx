import { Banner, Gutter } from '@payloadcms/ui'
import type { DocumentViewServerProps } from 'payload'
import React from 'react'

import { hasRole, localesOf } from '../../access/roles'
import '../../admin/ui/adminViews.scss'
import { viewLabels, type ViewLabels } from '../../admin/ui/labels'
import { RefreshOnDocumentChange } from '../../admin/ui/RefreshOnDocumentChange'
import { readEnvironment } from '../../environment/readEnvironment'
import { loadLanguages, SOURCE_LOCALE, type Language } from '../../languages/registry'
import { localeActions } from '../../localization/admin/localeActions'
import { translationStatus } from '../../localization/localeTranslationStatus'
import type { User } from '../../payload-types'
import { WorkflowPanel } from '../../workflow/admin/WorkflowPanel'
import { PREVIEW_MODES, previewArticle, type ArticlePreview, type PreviewMode } from '../preview'
import type { ArticleDocument } from '../publishedJson'
import { createLabels } from '../readerLabels'
import { PreviewLocaleActions } from './PreviewLocaleActions'
import './preview.scss'

type T = ViewLabels['t']

/** The article file as a reader's page shows it: every part the published JSON carries for people to read. */
function ReaderPage({ document, t }: { document: ArticleDocument; t: T }) {
  const doctorPhoto = (photo: NonNullable<ArticleDocument['heroImage']>) => photo.sizes[0]?.url ?? photo.url
  return (
    <article className="vp-preview__page" data-testid="preview-article" lang={document.contentLocale} dir={document.dir}>
      {document.translation.notice && (
        <p className="vp-preview__notice" data-testid="preview-fallback-notice" role="note">
          {document.translation.notice}
        </p>
      )}
      {document.heroImage && <img className="vp-preview__hero" src={document.heroImage.url} alt={document.heroImage.alt} />}
      <h1 data-testid="preview-title">{document.title}</h1>
      <p className="vp-preview__summary">{document.summary}</p>
      <p className="vp-preview__meta" data-testid="preview-dates">
        {document.author && <span>{document.author.label}</span>}
        {document.lastUpdated && <span>{document.lastUpdated.label}</span>}
        {document.lastReviewed && <span>{document.lastReviewed.label}</span>}
        {document.reviewer && <span>{document.reviewer.label}</span>}
        {document.nextReviewDue && <span>{document.nextReviewDue.label}</span>}
      </p>
      {document.changelogNote && (
        <p className="vp-preview__notice">
          <strong>{t('previewChangelog')}:</strong> {document.changelogNote}
        </p>
      )}
      {document.sections.map((section) => (
        <section key={section.id} data-testid="preview-section">
          <h2>{section.heading}</h2>
          {/* The section's HTML is the published file's, sanitized when it was rendered. */}
          <div dangerouslySetInnerHTML={{ __html: section.html }} />
        </section>
      ))}
      {document.references && (
        <section>
          <h2>{document.references.heading}</h2>
          <ol>
            {document.references.items.map((reference, index) => (
              <li key={index}>
                {reference.url ? (
                  <a href={reference.url} target="_blank" rel="noreferrer">
                    {reference.citation}
                  </a>
                ) : (
                  reference.citation
                )}
                {reference.accessed && ` (${reference.accessed.label})`}
              </li>
            ))}
          </ol>
        </section>
      )}
      {document.doctors && (
        <section data-testid="preview-doctors">
          <h2>{document.doctors.heading}</h2>
          <div className="vp-preview__doctors">
            {document.doctors.items.map((doctor) => (
              <div key={doctor.id} className="vp-preview__doctor" data-testid="preview-doctor">
                {doctor.photo && <img src={doctorPhoto(doctor.photo)} alt={doctor.photo.alt} />}
                <h3>{doctor.name}</h3>
                <p>{doctor.specialty.title}</p>
                <p>{doctor.experienceLabel}</p>
                <p>{doctor.qualifications.join(', ')}</p>
                <p>
                  {doctor.clinic.name}, {doctor.clinic.city}
                </p>
              </div>
            ))}
          </div>
        </section>
      )}
    </article>
  )
}

/** What the mode shows, said plainly above the page: a draft is not what readers get. */
function modeSentence(t: T, mode: PreviewMode, reader: Language, preview: ArticlePreview): string {
  if (mode === 'published') return t('previewPublished', { language: reader.name })
  if (reader.code === SOURCE_LOCALE) {
    // A published article's state moves to draft with its first edit, so "published" means nothing waits.
    if (preview.workflowState === 'published') return t('previewDraftIsPublished')
    return t('previewDraftSource', { state: t(`admin:workflowState_${preview.workflowState ?? 'draft'}`) })
  }
  if (preview.translationState === 'approved') return t('previewDraftTranslationApproved', { language: reader.name })
  return t('previewDraftTranslation', { language: reader.name, state: t(`localeState_${preview.translationState}`) })
}

/**
 * The article's "Preview" tab: the article as the readers of one language get it, rendered by the
 * publisher's own code from the JSON it would write, in its published version or its current draft
 * (as it would read once approved and published). Beside it, the workflow's actions on what is
 * shown: the source's review panel, or the moves of the language's translation. Translators
 * preview only their own languages.
 */
export async function PreviewView({ doc, i18n, payload, searchParams, user }: DocumentViewServerProps) {
  const { t } = await viewLabels(i18n?.language)
  const viewer = user as User | null
  if (!viewer || !doc?.id) return null
  const articleId = String(doc.id)
  const languages = loadLanguages()
  const translatorOnly = hasRole(viewer, 'translator') && !hasRole(viewer, 'admin', 'editor', 'reviewer')
  const ownLocales = localesOf(viewer).filter((code) => code !== SOURCE_LOCALE && languages.some((language) => language.code === code))
  const offered = translatorOnly ? languages.filter((language) => ownLocales.includes(language.code)) : languages
  const requested = typeof searchParams?.locale === 'string' ? searchParams.locale : undefined
  const reader = languages.find((language) => language.code === requested) ?? offered[0]
  const mode: PreviewMode = searchParams?.mode === 'published' ? 'published' : 'draft'

  if (!reader || !offered.includes(reader)) {
    return (
      <Gutter className="vp-view">
        <h2>{t('previewTitle')}</h2>
        <Banner type="error">
          <span data-testid="preview-refused">
            {t('translateNotYourLanguage', { language: reader?.name ?? requested ?? '', languages: offered.map((language) => language.name).join(', ') })}
          </span>
        </Banner>
      </Gutter>
    )
  }

  const preview = await previewArticle({
    payload,
    articleId,
    user: viewer,
    reader,
    languages,
    labels: createLabels(languages).get(reader.code)!,
    mode,
    publishing: readEnvironment().publishing,
    today: new Date(),
  })
  const isTranslation = reader.code !== SOURCE_LOCALE
  const status = isTranslation ? await translationStatus(payload, articleId, reader.code) : null
  const href = (locale: string, chosenMode: PreviewMode) => `${payload.config.routes.admin}/collections/articles/${articleId}/preview?locale=${locale}&mode=${chosenMode}`
  const link = (active: boolean) => `btn btn--style-${active ? 'primary' : 'secondary'} btn--size-small`

  return (
    <Gutter className="vp-view vp-preview">
      <h2>{t('previewTitle')}</h2>
      <p className="vp-view__intro">{t('previewIntro')}</p>
      <nav className="vp-preview__toolbar" aria-label={t('previewVersionLabel')} data-testid="preview-modes">
        <span className="vp-preview__toolbar-label">{t('previewVersionLabel')}</span>
        {PREVIEW_MODES.map((entry) => (
          <a key={entry} className={link(entry === mode)} style={{ margin: 0 }} href={href(reader.code, entry)} aria-current={entry === mode ? 'page' : undefined}>
            {t(`previewMode_${entry}`)}
          </a>
        ))}
      </nav>
      <nav className="vp-preview__toolbar" aria-label={t('languagesLabel')} data-testid="preview-languages">
        <span className="vp-preview__toolbar-label">{t('languagesLabel')}</span>
        {offered.map((language) => (
          <a
            key={language.code}
            className={link(language.code === reader.code)}
            style={{ margin: 0 }}
            href={href(language.code, mode)}
            hrefLang={language.code}
            lang={language.code}
            dir={language.dir}
            aria-current={language.code === reader.code ? 'page' : undefined}
          >
            {language.name}
          </a>
        ))}
      </nav>
      <div className="vp-preview__layout">
        <div>
          <p className={`vp-preview__mode vp-preview__mode--${mode}`} data-testid="preview-mode" data-mode={mode}>
            {preview.document ? modeSentence(t, mode, reader, preview) : t('previewNotPublished')}
          </p>
          {preview.document && <ReaderPage document={preview.document} t={t} />}
        </div>
        <aside>
          {status ? (
            <PreviewLocaleActions
              articleId={articleId}
              locale={reader.code}
              actions={localeActions(viewer, reader.code, status.translator, status)}
              labels={{
                title: t('previewTranslationReview', { language: reader.name }),
                state: `${t('admin:workflowStateLabel')}: ${t(`localeState_${status.state}`)}`,
                actions: { in_review: t('localeAction_in_review'), approved: t('localeAction_approved'), in_progress: t('localeAction_in_progress') },
                note: t('admin:noteLabel'),
                noteHint: t('sendBackNoteHint'),
                moved: t('previewTranslationMoved'),
                failed: t('admin:transitionFailed'),
                working: t('admin:working'),
              }}
            />
          ) : (
            <WorkflowPanel i18n={i18n} />
          )}
          <RefreshOnDocumentChange />
        </aside>
      </div>
    </Gutter>
  )
}
