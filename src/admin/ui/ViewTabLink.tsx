'use client'

import { Button } from '@payloadcms/ui'
import { useParams, usePathname, useSearchParams } from 'next/navigation.js'
import React from 'react'

/** A document tab that looks and behaves like Payload's own (`doc-tab`), keeping the chosen locale. */
export function ViewTabLink({ path, label }: { path: string; label: string }) {
  const pathname = usePathname()
  const params = useParams()
  const locale = useSearchParams().get('locale')
  const [, collection, id] = (params.segments as string[] | undefined) ?? []
  if (!collection || !id || id === 'create') return null
  const href = `${pathname.slice(0, pathname.indexOf('/collections/'))}/collections/${collection}/${id}${path}`
  const active = pathname.startsWith(href)
  return (
    <Button
      aria-label={label}
      buttonStyle="tab"
      className={['doc-tab', active && 'doc-tab--active'].filter(Boolean).join(' ')}
      disabled={active}
      el={active ? 'div' : 'link'}
      margin={false}
      size="medium"
      to={active ? undefined : `${href}${locale ? `?locale=${locale}` : ''}`}
    >
      <span className="doc-tab__label">{label}</span>
    </Button>
  )
}
