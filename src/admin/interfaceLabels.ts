import type { Block, CollectionConfig, Field, GlobalConfig, Plugin } from 'payload'

import { loadBundles } from '../localization/languages'

/**
 * The names of the content model in each admin interface language, from the `adminModel` bundle
 * of `translations/` (collection and group names, and the article's fields that editors and
 * translators fill in), so a Tamil translator's navigation, lists and article form are Tamil too.
 * Collections keep their one English name in code; a name without a key in the bundle stays as it is.
 *
 * Keys: `collection_<slug>_singular|_plural`, `global_<slug>`, `group_<English name>`,
 * `articleField_<field name>`, `articleRows_<array name>_singular|_plural`, `articleBlock_<block slug>_singular|_plural`.
 */

type Labels = (key: string) => Record<string, string> | undefined

function labelsFrom(interfaceLanguages: string[]): Labels {
  const bundles = interfaceLanguages.map((code) => [code, loadBundles(code).adminModel ?? {}] as const)
  return (key) => {
    const entries = bundles.filter(([, bundle]) => typeof bundle[key] === 'string').map(([code, bundle]) => [code, bundle[key]])
    return entries.length > 0 ? Object.fromEntries(entries) : undefined
  }
}

const groupKey = (group: unknown) => (typeof group === 'string' ? `group_${group.toLowerCase()}` : null)

function pair(labels: Labels, prefix: string): { singular: Record<string, string>; plural: Record<string, string> } | undefined {
  const singular = labels(`${prefix}_singular`)
  const plural = labels(`${prefix}_plural`)
  return singular && plural ? { singular, plural } : undefined
}

function labelBlock(block: Block, labels: Labels): Block {
  return { ...block, labels: pair(labels, `articleBlock_${block.slug}`) ?? block.labels, fields: block.fields.map((field) => labelField(field, labels)) }
}

function labelField(field: Field, labels: Labels): Field {
  const named = 'name' in field ? field.name : null
  const label = named ? labels(`articleField_${named}`) : undefined
  const next = (label && field.type !== 'ui' ? { ...field, label } : { ...field }) as Field
  if (next.type === 'array') {
    return { ...next, labels: (named && pair(labels, `articleRows_${named}`)) || next.labels, fields: next.fields.map((child) => labelField(child, labels)) }
  }
  if (next.type === 'blocks') {
    return { ...next, blocks: next.blocks.map((block) => labelBlock(block, labels)) }
  }
  if (next.type === 'group' || next.type === 'row' || next.type === 'collapsible') {
    return { ...next, fields: next.fields.map((child) => labelField(child, labels)) } as Field
  }
  return next
}

/** The collections with their names (and the article's field names) in every interface language. */
export function withInterfaceLabels<T extends CollectionConfig>(collections: T[], interfaceLanguages: string[]): T[] {
  const labels = labelsFrom(interfaceLanguages)
  return collections.map((collection) => {
    const group = groupKey(collection.admin?.group)
    return {
      ...collection,
      labels: pair(labels, `collection_${collection.slug}`) ?? collection.labels,
      admin: { ...collection.admin, ...(group && labels(group) ? { group: labels(group) } : {}) },
      fields: collection.slug === 'articles' ? collection.fields.map((field) => labelField(field, labels)) : collection.fields,
    }
  })
}

/** The globals with their names in every interface language. */
export function withGlobalInterfaceLabels(globals: GlobalConfig[], interfaceLanguages: string[]): GlobalConfig[] {
  const labels = labelsFrom(interfaceLanguages)
  return globals.map((global) => {
    const group = groupKey(global.admin?.group)
    return {
      ...global,
      label: labels(`global_${global.slug}`) ?? global.label,
      admin: { ...global.admin, ...(group && labels(group) ? { group: labels(group) } : {}) },
    }
  })
}

/** Applies the interface-language names to every collection and global of the config (a Payload plugin). */
export const interfaceLabels: Plugin = (config) => {
  const languages = Object.keys(config.i18n?.supportedLanguages ?? { en: true })
  return {
    ...config,
    collections: withInterfaceLabels(config.collections ?? [], languages),
    globals: withGlobalInterfaceLabels(config.globals ?? [], languages),
  }
}
