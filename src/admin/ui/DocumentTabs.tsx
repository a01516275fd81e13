import type { DocumentTabServerProps } from 'payload'
import React from 'react'

import { viewLabels } from './labels'
import { ViewTabLink } from './ViewTabLink'

/** The label of a custom document tab comes from the admin views' bundle of the interface language. */
async function tab(props: DocumentTabServerProps, labelKey: string, path: string) {
  const { t } = await viewLabels(props.req.i18n?.language)
  return <ViewTabLink path={path} label={t(labelKey)} />
}

/** The article's "Review changes" tab: the diff a reviewer reads before approving. */
export const ReviewTab = (props: DocumentTabServerProps) => tab(props, 'reviewTab', '/review')

/** The article's "Translate" tab: the source and a translation side by side. */
export const TranslateTab = (props: DocumentTabServerProps) => tab(props, 'translateTab', '/translate')

/** The article's "Preview" tab: the article as each language's readers get it, or will. */
export const PreviewTab = (props: DocumentTabServerProps) => tab(props, 'previewTab', '/preview')
