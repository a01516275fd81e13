import { createHash } from 'node:crypto'

import { canonicalInline, inlineFromLexical, leafContainers, lexicalFromInline, type Inline, type LexicalNode } from './inlineContent'
import { SOURCE_LOCALE } from '../languages/registry'

/** A localized value as Payload returns it when read with `locale: 'all'`. */
type PerLocale<T> = Partial<Record<string, T | null>> | null | undefined

interface TermRow {
  id?: string | null
  term?: PerLocale<string>
  explanation?: PerLocale<string>
  subItems?: TermRow[] | null
}

type ContentBlock =
  | { id?: string | null; blockType: 'prose'; blockName?: string | null; body?: PerLocale<{ root: LexicalNode }> }
  | { id?: string | null; blockType: 'termList'; blockName?: string | null; items?: TermRow[] | null }

/** An article read with `locale: 'all'` and `depth: 0`: every localized field holds one value per locale. */
export interface ArticleInAllLocales {
  id: string
  title?: PerLocale<string>
  summary?: PerLocale<string>
  changelogNote?: PerLocale<string>
  heroImage?: string | { id: string } | null
  sections?: Array<{ id?: string | null; heading?: PerLocale<string>; content?: ContentBlock[] | null }> | null
  [field: string]: unknown
}

/** One piece of an article a translator translates: one XLIFF unit. */
export interface ArticleUnit {
  /** Stable id (an XLIFF unit id): built from the ids of the rows it lives in. */
  id: string
  /**
   * What the unit counts towards when the source changes: `title`, `summary`, a section's row id,
   * or null for texts whose changes are not tracked (changelog note, alt text).
   */
  group: string | null
  /** Where the unit is, for people: "Section 3, term 2: explanation". */
  label: string
  /** Rich text keeps inline formatting; plain units hold text only. */
  rich: boolean
  /** A required field: an import may not leave it empty. */
  required: boolean
  source: Inline[]
  target: Inline[] | null
  /** The source's links and placeholders, by the ref a translation points at them with. */
  refs: Map<string, LexicalNode>
}

export const HERO_ALT_UNIT = 'heroImage.alt'

function plainUnit(id: string, group: string | null, label: string, required: boolean, value: PerLocale<string>, locale: string): ArticleUnit {
  const source = value?.[SOURCE_LOCALE]
  const target = value?.[locale]
  return {
    id,
    group,
    label,
    rich: false,
    required,
    source: [{ kind: 'text', text: source ?? '', format: 0 }],
    target: typeof target === 'string' && target !== '' ? [{ kind: 'text', text: target, format: 0 }] : null,
    refs: new Map(),
  }
}

function termUnits(rows: TermRow[] | null | undefined, prefix: string, group: string, label: string, locale: string): ArticleUnit[] {
  return (rows ?? []).flatMap((row, index) => {
    const id = `${prefix}.i.${row.id}`
    const where = `${label}, term ${index + 1}`
    return [
      plainUnit(`${id}.term`, group, `${where}: term`, true, row.term, locale),
      plainUnit(`${id}.explanation`, group, `${where}: explanation`, true, row.explanation, locale),
      ...termUnits(row.subItems, id, group, `${where}, sub-term`, locale),
    ]
  })
}

function bodyUnits(body: PerLocale<{ root: LexicalNode }>, prefix: string, group: string, label: string, locale: string): ArticleUnit[] {
  const source = body?.[SOURCE_LOCALE]
  if (!source?.root) return []
  const sourceLeaves = leafContainers(source.root)
  const targetRoot = body?.[locale]?.root
  // A translation whose paragraphs no longer line up with the source's cannot be matched unit by
  // unit; it is offered as untranslated and replaced whole by the next import.
  const targetLeaves = targetRoot ? leafContainers(targetRoot) : []
  const aligned = targetLeaves.length === sourceLeaves.length
  return sourceLeaves.map(({ node }, index) => {
    const { inline, refs } = inlineFromLexical(node)
    const target = aligned ? inlineFromLexical(targetLeaves[index].node).inline : null
    return {
      id: `${prefix}.p${index + 1}`,
      group,
      label: `${label}, paragraph ${index + 1}`,
      rich: true,
      required: true,
      source: inline,
      target: target && target.length > 0 ? target : null,
      refs,
    }
  })
}

/**
 * Every translatable unit of an article for one locale, in reading order, each with its source
 * text and the locale's current translation (null where there is none). `heroAlt` is the hero
 * image's alt text per locale, when the article has one.
 */
export function articleUnits(article: ArticleInAllLocales, locale: string, heroAlt?: PerLocale<string>): ArticleUnit[] {
  const units: ArticleUnit[] = [
    plainUnit('title', 'title', 'Title', true, article.title, locale),
    plainUnit('summary', 'summary', 'Summary', true, article.summary, locale),
  ]
  ;(article.sections ?? []).forEach((section, sectionIndex) => {
    const prefix = `s.${section.id}`
    const label = `Section ${sectionIndex + 1}`
    units.push(plainUnit(`${prefix}.heading`, String(section.id), `${label}: heading`, true, section.heading, locale))
    ;(section.content ?? []).forEach((block, blockIndex) => {
      const blockPrefix = `${prefix}.b.${block.id}`
      const blockLabel = `${label}, block ${blockIndex + 1}`
      if (block.blockType === 'prose') units.push(...bodyUnits(block.body, blockPrefix, String(section.id), blockLabel, locale))
      else units.push(...termUnits(block.items, blockPrefix, String(section.id), blockLabel, locale))
    })
  })
  if (article.changelogNote?.[SOURCE_LOCALE]) {
    units.push(plainUnit('changelogNote', null, 'Changelog note', false, article.changelogNote, locale))
  }
  if (heroAlt?.[SOURCE_LOCALE]) units.push(plainUnit(HERO_ALT_UNIT, null, 'Hero image: alt text', true, heroAlt, locale))
  return units
}

/** The ids of the article's sections, in order. */
export function sectionIds(article: ArticleInAllLocales): string[] {
  return (article.sections ?? []).map((section) => String(section.id))
}

/** A short hash of the source side of a group of units: what a translation was made from. */
function fingerprintOf(units: ArticleUnit[]): string {
  const hash = createHash('sha256')
  for (const unit of units) hash.update(unit.id).update('\0').update(canonicalInline(unit.source)).update('\0')
  return hash.digest('hex').slice(0, 32)
}

/** One fingerprint per tracked group (title, summary, each section by row id). */
export type SourceFingerprints = Record<string, string>

export function sourceFingerprints(units: ArticleUnit[]): SourceFingerprints {
  const groups = new Map<string, ArticleUnit[]>()
  for (const unit of units) {
    if (unit.group === null) continue
    groups.set(unit.group, [...(groups.get(unit.group) ?? []), unit])
  }
  return Object.fromEntries([...groups].map(([group, members]) => [group, fingerprintOf(members)]))
}

/** A group's translation as text, to tell whether a save changed it. */
export function targetSignature(units: ArticleUnit[], group: string): string {
  return units
    .filter((unit) => unit.group === group)
    .map((unit) => `${unit.id}=${unit.target ? canonicalInline(unit.target) : ''}`)
    .join('\n')
}

function plainFromInline(inline: Inline[] | null | undefined): string | undefined {
  if (!inline) return undefined
  return inline.map((part) => (part.kind === 'text' ? part.text : part.kind === 'break' ? '\n' : '')).join('')
}

function withDirection(node: LexicalNode, dir: 'ltr' | 'rtl'): LexicalNode {
  const copy: LexicalNode = { ...node }
  if ('direction' in node) copy.direction = dir
  if (node.children) copy.children = node.children.map((child) => withDirection(child, dir))
  return copy
}

/**
 * The update that writes the given translations (unit id → inline content) into a locale, keeping
 * every other unit's current translation and the article's shared structure (row ids and block
 * types) exactly as it is. Only localized fields carry values of the locale.
 */
export function translationUpdate(
  article: ArticleInAllLocales,
  locale: string,
  targets: Map<string, Inline[]>,
  dir: 'ltr' | 'rtl' = 'ltr',
): Record<string, unknown> {
  const current = new Map(articleUnits(article, locale).map((unit) => [unit.id, unit]))
  const textOf = (id: string): string | undefined => plainFromInline(targets.get(id) ?? current.get(id)?.target)

  const terms = (rows: TermRow[] | null | undefined, prefix: string): unknown[] =>
    (rows ?? []).map((row) => {
      const id = `${prefix}.i.${row.id}`
      return {
        id: row.id,
        term: textOf(`${id}.term`),
        explanation: textOf(`${id}.explanation`),
        ...(row.subItems ? { subItems: terms(row.subItems, id) } : {}),
      }
    })

  const body = (value: PerLocale<{ root: LexicalNode }>, prefix: string): unknown => {
    const source = value?.[SOURCE_LOCALE]
    if (!source?.root) return value?.[locale] ?? undefined
    const leaves = leafContainers(source.root)
    const changed = leaves.some((_, index) => targets.has(`${prefix}.p${index + 1}`))
    if (!changed) return value?.[locale] ?? undefined
    const root = structuredClone(source.root)
    leaves.forEach(({ path, node }, index) => {
      const unitId = `${prefix}.p${index + 1}`
      const inline = targets.get(unitId) ?? current.get(unitId)?.target ?? []
      const { refs } = inlineFromLexical(node)
      let container = root
      for (const step of path) container = (container.children as LexicalNode[])[step]
      const nested = (container.children ?? []).filter((child) => child.type === 'list')
      container.children = [...lexicalFromInline(inline, refs), ...nested]
    })
    return { root: withDirection(root, dir) }
  }

  const data: Record<string, unknown> = {}
  if (textOf('title') !== undefined) data.title = textOf('title')
  if (textOf('summary') !== undefined) data.summary = textOf('summary')
  if (targets.has('changelogNote')) data.changelogNote = textOf('changelogNote')
  data.sections = (article.sections ?? []).map((section) => {
    const prefix = `s.${section.id}`
    return {
      id: section.id,
      heading: textOf(`${prefix}.heading`),
      content: (section.content ?? []).map((block) => {
        const blockPrefix = `${prefix}.b.${block.id}`
        const shared = { id: block.id, blockType: block.blockType, blockName: block.blockName ?? null }
        return block.blockType === 'prose'
          ? { ...shared, body: body(block.body, blockPrefix) }
          : { ...shared, items: terms(block.items, blockPrefix) }
      }),
    }
  })
  return data
}
