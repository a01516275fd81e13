import { Banner, Gutter } from '@payloadcms/ui'
import type { DocumentViewServerProps, Payload } from 'payload'
import React from 'react'

import { hasRole } from '../../access/roles'
import '../../admin/ui/adminViews.scss'
import { dateFormatter, viewLabels, type ViewLabels } from '../../admin/ui/labels'
import { RefreshOnDocumentChange } from '../../admin/ui/RefreshOnDocumentChange'
import { SOURCE_LOCALE } from '../../languages/registry'
import type { Article, User } from '../../payload-types'
import { ReadabilityGrade } from '../../readability/admin/ReadabilityGrade'
import { specialtyReadabilityPolicy } from '../../readability/policy'
import { judgeReadability, type ReadabilityPolicy } from '../../readability/targets'
import { reviewDiff, type DiffLine, type PartDiff, type SourceContent } from '../reviewDiff'
import { WorkflowPanel } from './WorkflowPanel'

type T = ViewLabels['t']

interface Baseline {
  versionId: string
  content: SourceContent
  savedAt: string
}

/**
 * The version a reviewer compares against: the last approved one while a change is pending, and
 * the last published one once the change is approved (when the approval is the version itself).
 */
async function approvedBaseline(payload: Payload, article: Article, user: User): Promise<Baseline | null> {
  const read = async (versionId: string): Promise<Baseline | null> => {
    try {
      const version = await payload.findVersionByID({ collection: 'articles', id: versionId, locale: SOURCE_LOCALE, depth: 0, overrideAccess: false, user })
      return { versionId, content: version.version as unknown as SourceContent, savedAt: version.updatedAt }
    } catch {
      return null
    }
  }
  if (article.approvedVersionId && article.workflowState !== 'approved' && article.workflowState !== 'published') {
    const approved = await read(article.approvedVersionId)
    if (approved) return approved
  }
  const published = await payload.findVersions({
    collection: 'articles',
    where: { and: [{ parent: { equals: article.id } }, { 'version._status': { equals: 'published' } }] },
    sort: '-updatedAt',
    limit: 1,
    depth: 0,
    overrideAccess: false,
    user,
  })
  const latest = published.docs[0]
  return latest ? read(String(latest.id)) : null
}

function Lines({ lines, t }: { lines: DiffLine[]; t: T }) {
  return (
    <ul className="vp-diff__lines">
      {lines.map((line, index) => {
        if (line.kind === 'changed') {
          return (
            <li key={index} className="vp-diff__line--changed" data-diff="changed">
              {line.segments.map((segment, at) =>
                segment.kind === 'added' ? (
                  <ins key={at} aria-label={t('diffAdded')}>
                    {segment.text}
                  </ins>
                ) : segment.kind === 'removed' ? (
                  <del key={at} aria-label={t('diffRemoved')}>
                    {segment.text}
                  </del>
                ) : (
                  <span key={at}>{segment.text}</span>
                ),
              )}
            </li>
          )
        }
        return (
          <li key={index} className={`vp-diff__line--${line.kind}`} data-diff={line.kind}>
            {line.text}
          </li>
        )
      })}
    </ul>
  )
}

/** The source text's readability before and after the change, each against the specialty's target. */
function ReadabilityChange({ diff, policy, t }: { diff: ReturnType<typeof reviewDiff>; policy: ReadabilityPolicy; t: T }) {
  const { before, after } = diff.readability
  return (
    <section className="vp-diff__section" data-testid="diff-readability" data-before={before?.grade ?? ''} data-after={after.grade ?? ''}>
      <header>
        <h3>{t('readabilityChange')}</h3>
        <span className="vp-list__meta">{t('readabilityTarget', { target: policy.targetGrade, mode: t(`readabilityMode_${policy.mode}`) })}</span>
      </header>
      <ul className="vp-diff__lines">
        <li>
          {before && (
            <>
              {t('readabilityBefore')}: <ReadabilityGrade t={t} score={before} verdict={judgeReadability(before, policy)} testId="readability-before" /> →{' '}
            </>
          )}
          {t('readabilityAfter')}: <ReadabilityGrade t={t} score={after} verdict={judgeReadability(after, policy)} testId="readability-after" />
        </li>
      </ul>
    </section>
  )
}

function Part({ title, part, t, testId }: { title: string; part: PartDiff; t: T; testId: string }) {
  const changed = part.status !== 'unchanged'
  return (
    <section className={`vp-diff__section${changed ? '' : ' vp-diff__section--unchanged'}`} data-testid={testId} data-status={part.status}>
      <header>
        <h3>{title}</h3>
        <span className={`vp-badge vp-badge--${changed ? (part.status === 'removed' ? 'failed' : 'flagged') : 'source'}`}>{t(`diffStatus_${part.status}`)}</span>
      </header>
      {changed && <Lines lines={part.lines} t={t} />}
    </section>
  )
}

/**
 * The article's "Review changes" tab: what changed in the source since the last approved version,
 * section by section (unchanged sections folded to their heading), beside the workflow panel, so
 * a reviewer reads the change before approving it.
 */
export async function ReviewView({ doc, i18n, payload, user }: DocumentViewServerProps) {
  const { t, language } = await viewLabels(i18n?.language)
  const date = dateFormatter(language, true)
  const viewer = user as User | null
  if (!viewer || !doc?.id) return null
  // Earlier versions are for the editorial team that reviews them (the collection's readVersions rule).
  if (!hasRole(viewer, 'admin', 'editor', 'reviewer')) {
    return (
      <Gutter className="vp-view">
        <Banner type="info">{t('reviewForReviewers')}</Banner>
      </Gutter>
    )
  }

  const article = await payload.findByID({ collection: 'articles', id: String(doc.id), draft: true, locale: SOURCE_LOCALE, depth: 0, overrideAccess: false, user: viewer })
  const baseline = await approvedBaseline(payload, article, viewer)
  const diff = reviewDiff(baseline?.content ?? null, article as unknown as SourceContent)
  const changedSections = diff.sections.filter((section) => section.status !== 'unchanged').length
  const policy = await specialtyReadabilityPolicy(payload, article.specialty)

  return (
    <Gutter className="vp-view vp-diff">
      <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(calc(var(--base) * 14), 22rem)', gap: 'calc(var(--base) * 1.5)', alignItems: 'start' }}>
        <div data-testid="review-diff">
          <h2>{t('reviewDiffTitle')}</h2>
          <p className="vp-view__intro">
            {baseline ? t('reviewDiffAgainst', { date: date(baseline.savedAt) }) : t('reviewDiffFirstVersion')}{' '}
            {t('reviewDiffCount', { count: changedSections, total: article.sections?.length ?? 0 })}
          </p>
          {diff.unchanged && <p>{t('reviewDiffNothing')}</p>}
          <ReadabilityChange diff={diff} policy={policy} t={t} />
          {diff.title.status !== 'unchanged' && <Part title={t('field_title')} part={diff.title} t={t} testId="diff-title" />}
          {diff.summary.status !== 'unchanged' && <Part title={t('field_summary')} part={diff.summary} t={t} testId="diff-summary" />}
          {diff.changelogNote.status !== 'unchanged' && <Part title={t('field_changelogNote')} part={diff.changelogNote} t={t} testId="diff-changelog" />}
          {diff.sections.map((section) => (
            <Part
              key={section.id}
              title={t('sectionName', { position: section.position, heading: section.heading })}
              part={section}
              t={t}
              testId={`diff-section-${section.position}`}
            />
          ))}
          {diff.references.status !== 'unchanged' && <Part title={t('field_references')} part={diff.references} t={t} testId="diff-references" />}
        </div>
        <aside>
          <WorkflowPanel i18n={i18n} />
          <RefreshOnDocumentChange />
        </aside>
      </div>
    </Gutter>
  )
}
