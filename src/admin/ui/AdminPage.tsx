import { DefaultTemplate } from '@payloadcms/next/templates'
import { Gutter, SetStepNav } from '@payloadcms/ui'
import type { AdminViewServerProps } from 'payload'
import React from 'react'

import './adminViews.scss'

/**
 * A custom top-level admin page inside the admin's own frame (navigation, header, breadcrumb):
 * Payload renders views of one path segment bare, so each wraps itself in the default template.
 */
export function AdminPage({ title, view, children }: { title: string; view: AdminViewServerProps; children: React.ReactNode }) {
  const { initPageResult, params, searchParams } = view
  const { req } = initPageResult
  return (
    <DefaultTemplate
      i18n={req.i18n}
      locale={initPageResult.locale}
      params={params}
      payload={req.payload}
      permissions={initPageResult.permissions}
      req={req}
      searchParams={searchParams}
      user={req.user ?? undefined}
      visibleEntities={initPageResult.visibleEntities}
    >
      <SetStepNav nav={[{ label: title }]} />
      <Gutter className="vp-view">
        <h1>{title}</h1>
        {children}
      </Gutter>
    </DefaultTemplate>
  )
}
