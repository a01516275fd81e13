import type { Payload } from 'payload'
import React from 'react'

import { hasRole } from '../../access/roles'
import '../../admin/ui/adminViews.scss'
import { viewLabels } from '../../admin/ui/labels'
import type { User } from '../../payload-types'
import { RotateSecretButton } from './RotateSecretButton'

interface RotateSecretProps {
  id?: number | string
  i18n?: { language?: string }
  payload: Payload
  user?: User | null
}

/**
 * On a webhook endpoint's page, for admins: replaces the signing secret and shows the new one once,
 * since the secret is write-only and no later read returns it.
 */
export async function RotateSecretField({ id, i18n, payload, user }: RotateSecretProps) {
  if (!id || !hasRole(user, 'admin')) return null
  const { t } = await viewLabels(i18n?.language)
  return (
    <RotateSecretButton
      url={`${payload.config.serverURL ?? ''}${payload.config.routes.api}/webhook-endpoints/${encodeURIComponent(String(id))}/rotate-secret`}
      labels={{
        title: t('signingSecretTitle'),
        intro: t('signingSecretIntro'),
        rotate: t('rotateSecret'),
        confirm: t('rotateSecretConfirm'),
        working: t('admin:working'),
        newSecret: t('rotateSecretNew'),
        shownOnce: t('rotateSecretShownOnce'),
        failed: t('rotateSecretFailed'),
      }}
    />
  )
}
