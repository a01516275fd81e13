import { APIError, type CollectionBeforeValidateHook, type FlattenedField } from 'payload'

import { writesTextsOnly } from '../translationWriters'

/** Fields Payload maintains itself; a save never counts as changing them. */
const MAINTAINED = new Set(['id', 'createdAt', 'updatedAt', '_status'])

const normalize = (value: unknown): unknown => {
  if (value === undefined || value === '') return null
  if (value && typeof value === 'object' && !Array.isArray(value) && 'id' in value && Object.keys(value).length > 1) return (value as { id: unknown }).id
  if (Array.isArray(value)) return value.map(normalize)
  return value
}

const rowId = (row: unknown) => (row && typeof row === 'object' ? (row as { id?: unknown }).id ?? null : null)

/**
 * The paths of non-localized values that `data` would change in `original`. Only what `data`
 * carries is compared (a save may send part of a document); rows are matched by id, and a row
 * added, removed, moved or of another block type is a change of the shared structure.
 */
export function sharedFieldChanges(fields: FlattenedField[], data: Record<string, unknown>, original: Record<string, unknown>, path = ''): string[] {
  const changes: string[] = []
  for (const field of fields) {
    if (!(field.name in data) || MAINTAINED.has(field.name)) continue
    const here = path ? `${path}.${field.name}` : field.name
    const incoming = data[field.name]
    const existing = original?.[field.name]
    if ('localized' in field && field.localized) continue
    if (field.type === 'array' || field.type === 'blocks') {
      const rows = Array.isArray(incoming) ? incoming : []
      const before = Array.isArray(existing) ? existing : []
      if (rows.length !== before.length || rows.some((row, index) => rowId(row) !== rowId(before[index]))) {
        changes.push(here)
        continue
      }
      rows.forEach((row, index) => {
        const previous = before[index] as Record<string, unknown>
        if (field.type === 'array') {
          changes.push(...sharedFieldChanges(field.flattenedFields, row as Record<string, unknown>, previous, `${here}.${index}`))
          return
        }
        const blockType = (row as { blockType?: string }).blockType
        if (blockType !== previous.blockType) {
          changes.push(`${here}.${index}.blockType`)
          return
        }
        const block = field.blocks.find((candidate) => candidate.slug === blockType)
        if (!block) return
        const blockFields = [{ name: 'blockName', type: 'text' } as FlattenedField, ...block.flattenedFields]
        changes.push(...sharedFieldChanges(blockFields, row as Record<string, unknown>, previous, `${here}.${index}`))
      })
      continue
    }
    if (field.type === 'group' && incoming && typeof incoming === 'object') {
      changes.push(...sharedFieldChanges(field.flattenedFields, incoming as Record<string, unknown>, (existing ?? {}) as Record<string, unknown>, here))
      continue
    }
    if (JSON.stringify(normalize(incoming)) !== JSON.stringify(normalize(existing))) changes.push(here)
  }
  return changes
}

/**
 * A translator's save may change only localized fields (of a locale the access rule already
 * checked) and only as a draft: the shared structure, the non-localized fields and publishing
 * belong to editors and the review workflow. In the source language the article workflow decides,
 * so a reviewer who also translates still corrects the source as a reviewer. Runs first, before
 * other hooks add their own values.
 */
export const guardTranslatorWrites: CollectionBeforeValidateHook = ({ data, originalDoc, operation, req, collection }) => {
  const user = req.user
  if (!user || !data || !writesTextsOnly(user, req.locale)) return data
  if (operation === 'create') {
    throw new APIError('Translators cannot create articles; an editor creates the article and you translate it.', 403, { code: 'TRANSLATOR_CANNOT_CREATE' }, true)
  }
  if (data._status !== 'draft') {
    throw new APIError(
      'Translators save translations as drafts; a reviewer approves them and publishing follows the review workflow. Save as draft.',
      403,
      { code: 'TRANSLATOR_CANNOT_PUBLISH' },
      true,
    )
  }
  const changes = sharedFieldChanges(collection.flattenedFields, data, (originalDoc ?? {}) as Record<string, unknown>)
  if (changes.length > 0) {
    throw new APIError(
      `Translators change only the texts of their language; these fields are shared by every language and belong to editors: ${changes.join(', ')}.`,
      403,
      { code: 'TRANSLATOR_SHARED_FIELD', fields: changes },
      true,
    )
  }
  return data
}
