import type { Block, CollectionConfig, Field, GlobalConfig, Option, Plugin, Tab } from 'payload'

import { loadBundles } from '../../languages/registry'

/**
 * The words of the content model in each admin interface language, from the `adminModel` bundle
 * of `translations/`: collection, global and group names, and every field's label, description and
 * option labels, so a Tamil translator's navigation, lists, filters and forms are Tamil too.
 * Collections keep their one English text in code; a text without a key in the bundle stays as it is.
 *
 * Keys, where `<owner>` is the collection or global slug and `<path>` the field's schema path
 * (the names of its named ancestors and, inside a blocks field, the block slug, joined by dots,
 * as in `sections.content.termList.items.term`):
 * - `collection_<slug>_singular|_plural|_description`, `global_<slug>`, `global_<slug>_description`, `group_<English name>`;
 * - `field_<owner>_<path>`, `description_<owner>_<path>`, `option_<owner>_<path>_<value>`;
 * - `rows_<owner>_<path>_singular|_plural` (array rows), `block_<owner>_<block slug>_singular|_plural`;
 * - `tab_<owner>_<English label>` and `collapsible_<owner>_<English label>` for unnamed tabs and collapsibles.
 */

type Labels = (key: string) => Record<string, string> | undefined

interface Scope {
  labels: Labels
  /** The slug of the collection or global the fields belong to. */
  owner: string
}

function labelsFrom(interfaceLanguages: string[]): Labels {
  const bundles = interfaceLanguages.map((code) => [code, loadBundles(code).adminModel ?? {}] as const)
  return (key) => {
    const entries = bundles.filter(([, bundle]) => typeof bundle[key] === 'string').map(([code, bundle]) => [code, bundle[key]])
    return entries.length > 0 ? Object.fromEntries(entries) : undefined
  }
}

const groupKey = (group: unknown) => (typeof group === 'string' ? `group_${group.toLowerCase()}` : null)

const childPath = (parentPath: string, name: string) => (parentPath ? `${parentPath}.${name}` : name)

function pair(labels: Labels, prefix: string): { singular: Record<string, string>; plural: Record<string, string> } | undefined {
  const singular = labels(`${prefix}_singular`)
  const plural = labels(`${prefix}_plural`)
  return singular && plural ? { singular, plural } : undefined
}

function labelOptions(options: Option[], scope: Scope, path: string): Option[] {
  return options.map((option) => {
    const value = typeof option === 'string' ? option : option.value
    const label = scope.labels(`option_${scope.owner}_${path}_${value}`)
    if (!label) return option
    return typeof option === 'string' ? { label, value } : { ...option, label }
  })
}

/** The field's own label and description under the keys of its schema path. */
function labelNamed<T extends { label?: unknown; admin?: { description?: unknown } }>(field: T, scope: Scope, path: string): T {
  const label = field.label === false ? undefined : scope.labels(`field_${scope.owner}_${path}`)
  const description = field.admin?.description === undefined ? undefined : scope.labels(`description_${scope.owner}_${path}`)
  return {
    ...field,
    ...(label ? { label } : {}),
    ...(description ? { admin: { ...field.admin, description } } : {}),
  }
}

function labelBlock(block: Block, scope: Scope, blocksPath: string): Block {
  return {
    ...block,
    labels: pair(scope.labels, `block_${scope.owner}_${block.slug}`) ?? block.labels,
    fields: labelFields(block.fields, scope, childPath(blocksPath, block.slug)),
  }
}

function labelTab(tab: Tab, scope: Scope, parentPath: string): Tab {
  if ('name' in tab && tab.name) {
    const path = childPath(parentPath, tab.name)
    const label = scope.labels(`field_${scope.owner}_${path}`)
    const description = tab.description === undefined ? undefined : scope.labels(`description_${scope.owner}_${path}`)
    return { ...tab, ...(label ? { label } : {}), ...(description ? { description } : {}), fields: labelFields(tab.fields, scope, path) }
  }
  const label = typeof tab.label === 'string' ? scope.labels(`tab_${scope.owner}_${tab.label}`) : undefined
  return { ...tab, ...(label ? { label } : {}), fields: labelFields(tab.fields, scope, parentPath) } as Tab
}

function labelField(field: Field, scope: Scope, parentPath: string): Field {
  if (field.type === 'ui') return field
  if (field.type === 'tabs') return { ...field, tabs: field.tabs.map((tab) => labelTab(tab, scope, parentPath)) }
  if (field.type === 'row') return { ...field, fields: labelFields(field.fields, scope, parentPath) }
  if (field.type === 'collapsible') {
    const label = typeof field.label === 'string' ? scope.labels(`collapsible_${scope.owner}_${field.label}`) : undefined
    return { ...field, ...(label ? { label } : {}), fields: labelFields(field.fields, scope, parentPath) }
  }
  if (!('name' in field) || !field.name) {
    // A group without a name only arranges its fields; they keep their parent's path.
    return field.type === 'group' ? { ...field, fields: labelFields(field.fields, scope, parentPath) } : field
  }
  const path = childPath(parentPath, field.name)
  const next = labelNamed(field, scope, path)
  switch (next.type) {
    case 'select':
    case 'radio':
      return { ...next, options: labelOptions(next.options, scope, path) }
    case 'array':
      return { ...next, labels: pair(scope.labels, `rows_${scope.owner}_${path}`) ?? next.labels, fields: labelFields(next.fields, scope, path) }
    case 'blocks':
      return { ...next, blocks: next.blocks.map((block) => labelBlock(block, scope, path)) }
    case 'group':
      return { ...next, fields: labelFields(next.fields, scope, path) }
    default:
      return next
  }
}

function labelFields(fields: Field[], scope: Scope, parentPath: string): Field[] {
  return fields.map((field) => labelField(field, scope, parentPath))
}

/** The collections with their names, field labels, descriptions and options in every interface language. */
export function withInterfaceLabels<T extends CollectionConfig>(collections: T[], interfaceLanguages: string[]): T[] {
  const labels = labelsFrom(interfaceLanguages)
  return collections.map((collection) => {
    const group = groupKey(collection.admin?.group)
    const description = collection.admin?.description === undefined ? undefined : labels(`collection_${collection.slug}_description`)
    return {
      ...collection,
      labels: pair(labels, `collection_${collection.slug}`) ?? collection.labels,
      admin: {
        ...collection.admin,
        ...(group && labels(group) ? { group: labels(group) } : {}),
        ...(description ? { description } : {}),
      },
      fields: labelFields(collection.fields, { labels, owner: collection.slug }, ''),
    }
  })
}

/** The globals with their names, field labels, descriptions and options in every interface language. */
export function withGlobalInterfaceLabels(globals: GlobalConfig[], interfaceLanguages: string[]): GlobalConfig[] {
  const labels = labelsFrom(interfaceLanguages)
  return globals.map((global) => {
    const group = groupKey(global.admin?.group)
    const description = global.admin?.description === undefined ? undefined : labels(`global_${global.slug}_description`)
    return {
      ...global,
      label: labels(`global_${global.slug}`) ?? global.label,
      admin: {
        ...global.admin,
        ...(group && labels(group) ? { group: labels(group) } : {}),
        ...(description ? { description } : {}),
      },
      fields: labelFields(global.fields, { labels, owner: global.slug }, ''),
    }
  })
}

/** Applies the interface-language words to every collection and global of the config (a Payload plugin). */
export const interfaceLabels: Plugin = (config) => {
  const languages = Object.keys(config.i18n?.supportedLanguages ?? { en: true })
  return {
    ...config,
    collections: withInterfaceLabels(config.collections ?? [], languages),
    globals: withGlobalInterfaceLabels(config.globals ?? [], languages),
  }
}
