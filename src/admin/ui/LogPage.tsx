import type { AdminViewServerProps } from 'payload'
import React from 'react'

import { AdminPage } from './AdminPage'
import { FilterForm, FilterSelect, type FilterChoice } from './FilterSelect'
import type { ViewLabels } from './labels'
import { LogTable, PageLinks } from './LogTable'
import { firstParam } from './searchParams'

/** One select above a log: the query parameter it sets and the choices beside "any". */
export interface LogFilter<Name extends string = string> {
  name: Name
  label: string
  anyLabel: string
  choices: FilterChoice[]
}

/** What a log was opened with: each filter's value ('' when unset) and the page, 1 at the least. */
export interface LogQuery<Name extends string = string> {
  filters: Record<Name, string>
  page: number
}

/** Reads a log's filters and page from its address (`?status=failed&page=2`). */
export function logQuery<Name extends string>(searchParams: AdminViewServerProps['searchParams'], names: readonly Name[]): LogQuery<Name> {
  const filters = Object.fromEntries(names.map((name) => [name, firstParam(searchParams?.[name])])) as Record<Name, string>
  return { filters, page: Math.max(1, Number(firstParam(searchParams?.page)) || 1) }
}

/** The address of another page of the same log, keeping the filters that are set, in their order. */
function pageLink(query: LogQuery, page: number): string {
  const set = Object.entries(query.filters).filter(([, value]) => value !== '')
  return `?${new URLSearchParams([...set, ['page', String(page)]])}`
}

interface Props<Name extends string> {
  view: AdminViewServerProps
  /** The admin kit's labels, for the words every log shares (apply, previous, next, page of). */
  t: ViewLabels['t']
  title: string
  intro: string
  filters: LogFilter<Name>[]
  query: LogQuery<Name>
  /** The table's `data-testid`, which the browser tests find it by. */
  testId: string
  /** The sentence shown instead of the table when nothing matches. */
  empty: string
  columns: React.ReactNode[]
  /** One table row per entry of this page. */
  rows: React.ReactNode[]
  totalPages: number
}

/**
 * A read-only log in the admin (publications, webhook deliveries, newsletter sends): its intro,
 * the filters as a shareable GET form, one page of entries, newest first, and links to the others.
 * The concern that owns the log reads the entries and draws their rows and actions.
 */
export function LogPage<Name extends string>({ view, t, title, intro, filters, query, testId, empty, columns, rows, totalPages }: Props<Name>) {
  const { page } = query
  return (
    <AdminPage title={title} view={view}>
      <p className="vp-view__intro">{intro}</p>
      <FilterForm applyLabel={t('filterApply')}>
        {filters.map((filter) => (
          <FilterSelect key={filter.name} label={filter.label} name={filter.name} value={query.filters[filter.name]} anyLabel={filter.anyLabel} choices={filter.choices} />
        ))}
      </FilterForm>
      <LogTable testId={testId} empty={empty} entries={rows.length} columns={columns}>
        {rows}
      </LogTable>
      <PageLinks
        page={page}
        totalPages={totalPages}
        link={(target) => pageLink(query, target)}
        labels={{ previous: t('pagePrevious'), next: t('pageNext'), pageOf: t('pageOf', { page, total: totalPages }) }}
      />
    </AdminPage>
  )
}
