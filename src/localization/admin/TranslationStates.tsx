import type { Payload } from 'payload'
import React from 'react'

import { hasRole, localesOf } from '../../access/roles'
import '../../admin/ui/adminViews.scss'
import { viewLabels } from '../../admin/ui/labels'
import type { User } from '../../payload-types'
import { loadLanguages } from '../../languages/registry'
import { articleTranslationStatuses } from '../localeTranslationStatus'

interface StatesProps {
  id?: number | string
  i18n?: { language?: string }
  payload: Payload
  user?: User | null
}

/** Whether this person works on a language's text: translators of it, reviewers of it, editors and admins. */
export function worksOnLocale(user: Pick<User, 'roles' | 'languages'>, locale: string): boolean {
  return hasRole(user, 'admin', 'editor') || localesOf(user).includes(locale)
}

/**
 * The article's state in every translation language, in the edit view's sidebar, each with links
 * to that language in the form and side by side with the source (for the languages this person
 * works in), and the sections that changed since they were translated.
 */
export async function TranslationStates({ id, i18n, payload, user }: StatesProps) {
  if (!id || !user) return null
  const { t } = await viewLabels(i18n?.language)
  const report = await articleTranslationStatuses(payload, String(id))
  const names = new Map(loadLanguages().map((language) => [language.code, language.name]))
  const base = `${payload.config.routes.admin}/collections/articles/${id}`

  return (
    <div className="vp-panel" data-testid="translation-states">
      <h4>{t('translationsTitle')}</h4>
      <ul className="vp-list">
        {report.locales.map((status) => {
          const changed = status.outdatedSections.length + status.outdatedFields.length
          return (
            <li key={status.locale} data-locale={status.locale} data-state={status.state}>
              <strong>{names.get(status.locale) ?? status.locale}</strong>{' '}
              <span className={`vp-badge vp-badge--${status.state}`}>{t(`localeState_${status.state}`)}</span>
              {status.flagged && <span className="vp-badge vp-badge--flagged"> {t('flaggedSections')}</span>}
              {changed > 0 && <span className="vp-list__meta">{t('changedPartsCount', { count: changed })}</span>}
              {worksOnLocale(user, status.locale) && (
                <span className="vp-list__meta">
                  <a href={`${base}/translate?locale=${status.locale}`}>{t('openSideBySide')}</a> · <a href={`${base}?locale=${status.locale}`}>{t('openInForm')}</a>
                </span>
              )}
            </li>
          )
        })}
      </ul>
    </div>
  )
}
