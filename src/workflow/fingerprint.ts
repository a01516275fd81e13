import { createHash } from 'node:crypto'

/**
 * The top-level article fields readers see. An approval covers exactly these, in the source
 * language; workflow bookkeeping, translation state and timestamps are left out so that a
 * translator's work or a transition never counts as a change of the approved content.
 * A new reader-facing field must be added here, or edits to it would bypass review.
 */
export const SOURCE_CONTENT_FIELDS = [
  'title',
  'slug',
  'summary',
  'condition',
  'specialty',
  'author',
  'byline',
  'heroImage',
  'sections',
  'references',
  'featuredDoctors',
  'changelogNote',
] as const

/** The part of Payload's field config the fingerprint reads; plain objects in unit tests. */
export interface ContentField {
  name?: string
  type: string
  localized?: boolean
  fields?: readonly ContentField[]
  blocks?: readonly { slug: string; fields: readonly ContentField[] }[]
  tabs?: readonly { name?: string; fields: readonly ContentField[] }[]
}

type Doc = Record<string, unknown> | null | undefined

/** Row ids and editor labels are bookkeeping, not content. */
const IGNORED_NAMES = new Set(['id', 'blockName'])

function asDoc(value: unknown): Doc {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
}

function rowWithId(rows: unknown, row: unknown): Doc {
  const id = asDoc(row)?.id
  if (!Array.isArray(rows) || id === undefined || id === null) return undefined
  return rows.map(asDoc).find((candidate) => candidate?.id === id)
}

/** A relation as its id, whether it arrived as an id, a populated document or a polymorphic pair. */
function relationIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(relationIds)
  const doc = asDoc(value)
  if (!doc) return value
  if ('relationTo' in doc && 'value' in doc) return { relationTo: doc.relationTo, value: relationIds(doc.value) }
  return doc.id
}

/**
 * The source-language view of `data`, field by field. `source` is the same document read in the
 * source language; localized values come from it (array and block rows matched by id) and
 * everything else from `data`. When `data` is itself in the source language, pass it as both.
 */
function project(fields: readonly ContentField[], data: Doc, source: Doc, out: Record<string, unknown> = {}): Record<string, unknown> {
  for (const field of fields) {
    if (field.type === 'tabs') {
      for (const tab of field.tabs ?? []) {
        if (tab.name) out[tab.name] = project(tab.fields, asDoc(data?.[tab.name]), asDoc(source?.[tab.name]))
        else project(tab.fields, data, source, out)
      }
      continue
    }
    if (!field.name) {
      if (field.fields) project(field.fields, data, source, out)
      continue
    }
    if (IGNORED_NAMES.has(field.name) || field.type === 'ui') continue
    const name = field.name
    if (field.localized && source !== data) {
      const sourceValue = source?.[name]
      out[name] = projectValue(field, sourceValue, sourceValue)
      continue
    }
    out[name] = projectValue(field, data?.[name], source?.[name])
  }
  return out
}

function projectValue(field: ContentField, value: unknown, sourceValue: unknown): unknown {
  switch (field.type) {
    case 'array':
      if (!Array.isArray(value)) return value
      return value.map((row) => project(field.fields ?? [], asDoc(row), sameOrMatched(value, sourceValue, row)))
    case 'blocks':
      if (!Array.isArray(value)) return value
      return value.map((row) => {
        const blockType = asDoc(row)?.blockType
        const block = field.blocks?.find((candidate) => candidate.slug === blockType)
        return { blockType, ...project(block?.fields ?? [], asDoc(row), sameOrMatched(value, sourceValue, row)) }
      })
    case 'group':
      return project(field.fields ?? [], asDoc(value), asDoc(sourceValue))
    case 'relationship':
    case 'upload':
      return relationIds(value)
    default:
      return value
  }
}

function sameOrMatched(rows: unknown[], sourceRows: unknown, row: unknown): Doc {
  return rows === sourceRows ? asDoc(row) : rowWithId(sourceRows, row)
}

/** JSON with sorted keys, where an empty value and a missing one are the same. */
function canonical(value: unknown): unknown {
  if (value === null || value === undefined || value === '') return undefined
  if (Array.isArray(value)) {
    const items = value.map((item) => canonical(item) ?? null)
    return items.length > 0 ? items : undefined
  }
  if (typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .map((key) => [key, canonical((value as Record<string, unknown>)[key])] as const)
      .filter(([, item]) => item !== undefined)
    return entries.length > 0 ? Object.fromEntries(entries) : undefined
  }
  return value
}

/**
 * The reader-facing source-language content of an article, as a plain object. `data` is the
 * document in the locale being written; `sourceDoc` the same document in the source language when
 * that locale is another one.
 */
export function sourceContent(fields: readonly ContentField[], data: Doc, sourceDoc?: Doc): Record<string, unknown> {
  const content = project(fields, data, sourceDoc === undefined ? data : sourceDoc)
  return Object.fromEntries(SOURCE_CONTENT_FIELDS.map((name) => [name, content[name]]))
}

/** A sha256 of the canonical source-language content: equal exactly when readers would see the same article. */
export function fingerprintSource(fields: readonly ContentField[], data: Doc, sourceDoc?: Doc): string {
  const content = canonical(sourceContent(fields, data, sourceDoc)) ?? {}
  return createHash('sha256').update(JSON.stringify(content)).digest('hex')
}
