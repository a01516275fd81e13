import { NavGroup } from '@payloadcms/ui'
import type { Payload } from 'payload'
import React from 'react'

import { hasRole } from '../../../access/roles'
import type { User } from '../../../payload-types'
import { viewLabels } from '../labels'

interface NavProps {
  i18n?: { language?: string }
  payload: Payload
  user?: User | null
}

/** The work views at the top of the navigation, each for the roles that use it. */
export async function WorkNavLinks({ i18n, payload, user }: NavProps) {
  if (!user) return null
  const { t } = await viewLabels(i18n?.language)
  const admin = payload.config.routes.admin
  const links = [
    { href: admin, label: t('navDashboard'), show: true },
    { href: `${admin}/collections/articles/review-due`, label: t('admin:reviewDueTitle'), show: hasRole(user, 'admin', 'editor', 'reviewer') },
    { href: `${admin}/collections/articles/coverage`, label: t('coverageTitle'), show: true },
    { href: `${admin}/publish-log`, label: t('publishLogTitle'), show: hasRole(user, 'admin', 'editor', 'reviewer') },
    { href: `${admin}/webhook-log`, label: t('webhookLogTitle'), show: hasRole(user, 'admin') },
    { href: `${admin}/newsletter-log`, label: t('newsletterLogTitle'), show: hasRole(user, 'admin', 'editor') },
    { href: `${admin}/newsletter-suppressions`, label: t('suppressionsTitle'), show: hasRole(user, 'admin') },
  ]
  return (
    <NavGroup label={t('navWork')}>
      {links
        .filter((link) => link.show)
        .map((link) => (
          <a key={link.href} className="nav__link" href={link.href}>
            <span className="nav__link-label">{link.label}</span>
          </a>
        ))}
    </NavGroup>
  )
}
