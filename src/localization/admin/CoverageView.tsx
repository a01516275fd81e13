import { Gutter } from '@payloadcms/ui'
import type { AdminViewServerProps } from 'payload'
import React from 'react'

import '../../admin/ui/adminViews.scss'
import { FilterForm, FilterSelect } from '../../admin/ui/FilterSelect'
import { viewLabels } from '../../admin/ui/labels'
import { PageLinks } from '../../admin/ui/LogTable'
import { LOCALE_STATES, type LocaleState } from '../localeState'
import { translationCoverage, translationLanguages } from '../localeTranslationStatus'
import { firstParam } from '../../admin/ui/searchParams'


/**
 * `/admin/collections/articles/coverage`: the library as a matrix of articles × translation
 * languages, each cell coloured by the translation's state and linking to it side by side;
 * filtered by language, state and words of the title across the whole library, the matches paged
 * (a plain GET form, so a filter is a link).
 */
export async function CoverageView({ initPageResult, searchParams }: AdminViewServerProps) {
  const { req } = initPageResult
  const { t } = await viewLabels(req.i18n?.language)
  if (!req.user) return null
  const languages = translationLanguages()
  const locale = firstParam(searchParams?.locale)
  const state = firstParam(searchParams?.state)
  const query = firstParam(searchParams?.q).trim()
  const page = Math.max(1, Number(firstParam(searchParams?.page)) || 1)
  const report = await translationCoverage(req.payload, {
    locales: languages.some((language) => language.code === locale) ? [locale] : [],
    states: LOCALE_STATES.includes(state as LocaleState) ? [state as LocaleState] : [],
    titleWords: query.split(/\s+/).filter(Boolean),
    page,
    limit: 50,
  })
  const rows = report.articles
  const admin = req.payload.config.routes.admin
  const pageLink = (target: number) => `?${new URLSearchParams({ ...(locale ? { locale } : {}), ...(state ? { state } : {}), ...(query ? { q: query } : {}), page: String(target) })}`

  return (
    <Gutter className="vp-view vp-matrix">
      <h1>{t('coverageTitle')}</h1>
      <p className="vp-view__intro">{t('coverageIntro')}</p>
      <FilterForm applyLabel={t('filterApply')} testId="coverage-filters">
        <FilterSelect
          label={t('filterLanguage')}
          name="locale"
          value={locale}
          anyLabel={t('filterAllLanguages')}
          choices={languages.map((language) => ({ value: language.code, label: language.name }))}
        />
        <FilterSelect
          label={t('filterState')}
          name="state"
          value={state}
          anyLabel={t('filterAnyState')}
          choices={LOCALE_STATES.map((entry) => ({ value: entry, label: t(`localeState_${entry}`) }))}
        />
        <label>
          {t('filterTitle')}
          <input type="search" name="q" defaultValue={query} />
        </label>
      </FilterForm>
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
      <PageLinks
        page={page}
        totalPages={report.totalPages}
        link={pageLink}
        labels={{ previous: t('pagePrevious'), next: t('pageNext'), pageOf: t('pageOf', { page, total: report.totalPages }) }}
      />
    </Gutter>
  )
}
