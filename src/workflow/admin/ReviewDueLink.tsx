import { Button } from '@payloadcms/ui'
import React from 'react'

import { adminLabels } from './labels'

/** A button above the articles table that opens the review-due view. */
export async function ReviewDueLink({ i18n, payload }: { i18n?: { language?: string }; payload?: { config: { routes: { admin: string } } } }) {
  const { t } = await adminLabels(i18n?.language)
  const adminRoute = payload?.config.routes.admin ?? '/admin'
  return (
    <div style={{ marginBottom: 'var(--base)' }}>
      <Button el="link" url={`${adminRoute}/collections/articles/review-due`} buttonStyle="pill" size="small" margin={false}>
        {t('reviewDueLink')}
      </Button>
    </div>
  )
}
