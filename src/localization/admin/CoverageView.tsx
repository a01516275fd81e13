import { Gutter } from '@payloadcms/ui'
import type { AdminViewServerProps } from 'payload'
import React from 'react'

import '../../admin/adminViews.scss'
import { viewLabels } from '../../admin/labels'
import { LOCALE_STATES, type LocaleState } from '../localeState'
import { translationCoverage, translationLanguages } from '../status'

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? ''

/**
 * `/admin/collections/articles/coverage`: the library as a matrix of articles × translation
 * languages, each cell coloured by the translation's state and linking to it side by side;
 * filtered by language, state and words of the title (a plain GET form, so a filter is a link).
 */
export async function CoverageView({ initPageResult, searchParams }: AdminViewServerProps) {
  const { req } = initPageResult
  const { t } = await viewLabels(req.i18n?.language)
  if (!req.user) return null
  const languages = translationLanguages()
  const locale = one(searchParams?.locale)
  const state = one(searchParams?.state)
  const query = one(searchParams?.q).trim()
  const page = Math.max(1, Number(one(searchParams?.page)) || 1)
  const report = await translationCoverage(req.payload, {
    locales: languages.some((language) => language.code === locale) ? [locale] : [],
    states: LOCALE_STATES.includes(state as LocaleState) ? [state as LocaleState] : [],
    page,
    limit: 50,
  })
  const words = query.toLowerCase().split(/\s+/).filter(Boolean)
  const rows = report.articles.filter((row) => words.every((word) => `${row.title} ${row.slug}`.toLowerCase().includes(word)))
  const admin = req.payload.config.routes.admin
  const pageLink = (target: number) => `?${new URLSearchParams({ ...(locale ? { locale } : {}), ...(state ? { state } : {}), ...(query ? { q: query } : {}), page: String(target) })}`

  return (
    <Gutter className="vp-view vp-matrix">
      <h1>{t('coverageTitle')}</h1>
      <p className="vp-view__intro">{t('coverageIntro')}</p>
      <form method="get" className="vp-filters" data-testid="coverage-filters">
        <label>
          {t('filterLanguage')}
          <select name="locale" defaultValue={locale}>
            <option value="">{t('filterAllLanguages')}</option>
            {languages.map((language) => (
              <option key={language.code} value={language.code}>
                {language.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('filterState')}
          <select name="state" defaultValue={state}>
            <option value="">{t('filterAnyState')}</option>
            {LOCALE_STATES.map((entry) => (
              <option key={entry} value={entry}>
                {t(`localeState_${entry}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('filterTitle')}
          <input type="search" name="q" defaultValue={query} />
        </label>
        <button type="submit" className="btn btn--style-primary btn--size-small" style={{ margin: 0 }}>
          {t('filterApply')}
        </button>
      </form>
      <div className="vp-matrix__legend">
        {LOCALE_STATES.map((entry) => (
          <span key={entry} className={`vp-badge vp-badge--${entry}`}>
            {t(`localeState_${entry}`)}
          </span>
        ))}
      </div>
      {rows.length === 0 ? (
        <p>{t('coverageEmpty')}</p>
      ) : (
        <table className="vp-table" data-testid="coverage-matrix">
          <thead>
            <tr>
              <th>{t('admin:columnArticle')}</th>
              {report.locales.map((language) => (
                <th key={language.code} style={{ textAlign: 'center' }}>
                  {language.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} data-article={row.slug}>
                <td>
                  <a href={`${admin}/collections/articles/${row.id}`}>{row.title}</a>
                </td>
                {report.locales.map((language) => {
                  const cell = row.locales[language.code]
                  return (
                    <td key={language.code} className="vp-matrix__cell" data-locale={language.code} data-state={cell.state}>
                      <a href={`${admin}/collections/articles/${row.id}/translate?locale=${language.code}`}>
                        <span className={`vp-badge vp-badge--${cell.state}`}>{t(`localeState_${cell.state}`)}</span>
                        {cell.outdatedSections.length > 0 && <span className="vp-list__meta">{t('changedPartsCount', { count: cell.outdatedSections.length })}</span>}
                      </a>
                    </td>
                  )
                })}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th>{t('coverageTotals')}</th>
              {report.locales.map((language) => (
                <td key={language.code} className="vp-matrix__cell">
                  {LOCALE_STATES.filter((entry) => report.totals[language.code]?.[entry]).map((entry) => (
                    <span key={entry} className="vp-list__meta">
                      {t(`localeState_${entry}`)}: {report.totals[language.code][entry]}
                    </span>
                  ))}
                </td>
              ))}
            </tr>
          </tfoot>
        </table>
      )}
      {report.totalPages > 1 && (
        <p className="vp-actions">
          {page > 1 && <a href={pageLink(page - 1)}>{t('pagePrevious')}</a>}
          <span>{t('pageOf', { page, total: report.totalPages })}</span>
          {page < report.totalPages && <a href={pageLink(page + 1)}>{t('pageNext')}</a>}
        </p>
      )}
    </Gutter>
  )
}
