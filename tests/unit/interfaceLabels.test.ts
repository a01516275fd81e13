import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Block, CollectionConfig, Field, GlobalConfig, SanitizedConfig } from 'payload'

import { ArticleTranslations } from '../../collections/ArticleTranslations'
import { Articles } from '../../collections/Articles'
import { Clinics } from '../../collections/Clinics'
import { createDoctors } from '../../collections/Doctors'
import { Media } from '../../collections/Media'
import { NewsletterDeliveries, NewsletterSends, createSubscribers } from '../../collections/Newsletter'
import { Specialties } from '../../collections/Specialties'
import { createUsers } from '../../collections/Users'
import { WebhookDeliveries } from '../../collections/WebhookDeliveries'
import { createWebhookEndpoints } from '../../collections/WebhookEndpoints'
import { WebhookSettings } from '../../collections/WebhookSettings'
import { WorkflowEvents } from '../../collections/WorkflowEvents'
import { withGlobalInterfaceLabels, withInterfaceLabels } from '../../src/admin/ui/interfaceLabels'
import { loadLanguages } from '../../src/languages/registry'
import { applyEnvironment, temporaryLibrary } from '../support/environment'

/**
 * The admin's words for the content model in Tamil: every label, description and option a Tamil
 * translator can see comes from the `adminModel` bundle, and the English bundle reads as the
 * collections' own English so English screens stay as they were.
 */

const TAMIL_SCRIPT = /[\u0B80-\u0BFF]/
const INTERFACE_LANGUAGES = ['en', 'ta']
/**
 * Options that name things rather than describe them, shown as they are in every language:
 * language names with their codes, and webhook event types (a contract with downstream sites).
 */
const NAMES_NOT_WORDS = ['doctors.languagesSpoken', 'users.languages', 'subscribers.language', 'webhook-endpoints.languages', 'webhook-endpoints.events', 'webhook-deliveries.eventType']

interface VisibleField {
  /** `<collection or global slug>.<schema path>`, as in `articles.sections.heading`. */
  where: string
  field: Field
}

const isHidden = (field: Field) =>
  field.type === 'ui' || ('hidden' in field && field.hidden === true) || field.admin?.hidden === true || field.admin?.disabled === true

/** Every field the admin shows, in order, with its schema path; a hidden field hides what it holds. */
function visibleFields(fields: Field[], where: string): VisibleField[] {
  return fields.flatMap((field): VisibleField[] => {
    if (isHidden(field)) return []
    const named = 'name' in field && field.name ? `${where}.${field.name}` : where
    const own = 'name' in field && field.name ? [{ where: named, field }] : []
    if (field.type === 'tabs') {
      return field.tabs.flatMap((tab) => visibleFields(tab.fields, 'name' in tab && tab.name ? `${where}.${tab.name}` : where))
    }
    if (field.type === 'blocks') return [...own, ...field.blocks.flatMap((block: Block) => visibleFields(block.fields, `${named}.${block.slug}`))]
    if ('fields' in field) return [...own, ...visibleFields(field.fields, named)]
    return own
  })
}

/** Not every field type declares a description, so it is read through the admin options' common shape. */
const descriptionOf = (field: Field): unknown => (field.admin as { description?: unknown } | undefined)?.description

/** Why a text shown to the admin is not Tamil, or null when it is (a function is Payload's own translation). */
function notTamil(text: unknown): string | null {
  if (text === undefined || text === false || typeof text === 'function') return null
  if (typeof text === 'string') return `English only: "${text}"`
  const tamil = (text as Record<string, unknown>).ta
  if (typeof tamil !== 'string') return `no Tamil text: ${JSON.stringify(text)}`
  return TAMIL_SCRIPT.test(tamil) ? null : `Tamil text not in Tamil script: "${tamil}"`
}

function tamilMisses(where: string, texts: Record<string, unknown>): string[] {
  return Object.entries(texts).flatMap(([what, text]) => {
    const problem = notTamil(text)
    return problem ? [`${what} of ${where}: ${problem}`] : []
  })
}

function fieldMisses({ where, field }: VisibleField): string[] {
  const texts: Record<string, unknown> = { label: 'label' in field ? field.label : undefined, description: descriptionOf(field) }
  if (field.type === 'array') Object.assign(texts, { 'row label (singular)': field.labels?.singular, 'row label (plural)': field.labels?.plural })
  if (field.type === 'blocks') {
    for (const block of field.blocks) Object.assign(texts, { [`block ${block.slug} (singular)`]: block.labels?.singular, [`block ${block.slug} (plural)`]: block.labels?.plural })
  }
  if ((field.type === 'select' || field.type === 'radio') && !NAMES_NOT_WORDS.includes(where)) {
    for (const option of field.options) {
      if (typeof option === 'string') texts[`option ${option}`] = option
      else texts[`option ${option.value}`] = option.label
    }
  }
  return tamilMisses(where, texts)
}

/** The collections and globals of the admin, as the Payload config declares them. */
function declaredModel(): { collections: CollectionConfig[]; globals: GlobalConfig[] } {
  const languages = loadLanguages()
  return {
    collections: [
      Articles,
      createDoctors(languages),
      Clinics,
      Specialties,
      Media,
      createUsers(languages),
      WorkflowEvents,
      ArticleTranslations,
      createSubscribers(languages),
      NewsletterSends,
      NewsletterDeliveries,
      createWebhookEndpoints(languages),
      WebhookDeliveries,
    ] as CollectionConfig[],
    globals: [WebhookSettings],
  }
}

/** The English each text of a declared field has in code, next to what the admin shows. */
function englishPairs(declared: Field[], labelled: Field[], where: string): Array<{ what: string; code: unknown; shown: unknown }> {
  return declared.flatMap((field, index) => {
    const shownField = labelled[index]
    const named = 'name' in field && field.name ? `${where}.${field.name}` : where
    const pairs = [
      { what: `label of ${named}`, code: 'label' in field ? field.label : undefined, shown: 'label' in shownField ? shownField.label : undefined },
      { what: `description of ${named}`, code: descriptionOf(field), shown: descriptionOf(shownField) },
    ]
    if ((field.type === 'select' || field.type === 'radio') && (shownField.type === 'select' || shownField.type === 'radio')) {
      field.options.forEach((option, at) => {
        const shown = shownField.options[at]
        if (typeof option !== 'string' && typeof shown !== 'string') pairs.push({ what: `option ${option.value} of ${named}`, code: option.label, shown: shown.label })
      })
    }
    if (field.type === 'array' && shownField.type === 'array') {
      pairs.push({ what: `row label of ${named}`, code: field.labels?.singular, shown: shownField.labels?.singular })
      pairs.push({ what: `row labels of ${named}`, code: field.labels?.plural, shown: shownField.labels?.plural })
    }
    if (field.type === 'blocks' && shownField.type === 'blocks') {
      return [
        ...pairs,
        ...field.blocks.flatMap((block, at) => [
          { what: `block ${block.slug} of ${named}`, code: block.labels?.singular, shown: shownField.blocks[at].labels?.singular },
          { what: `blocks ${block.slug} of ${named}`, code: block.labels?.plural, shown: shownField.blocks[at].labels?.plural },
          ...englishPairs(block.fields, shownField.blocks[at].fields, `${named}.${block.slug}`),
        ]),
      ]
    }
    if ('fields' in field && 'fields' in shownField) return [...pairs, ...englishPairs(field.fields, shownField.fields, named)]
    return pairs
  })
}

describe('the admin in the interface languages', () => {
  it('when the admin config is built, then every field, description and option a Tamil user sees has Tamil text', async () => {
    applyEnvironment(temporaryLibrary('interface-labels'))
    const config: SanitizedConfig = await (await import('../../src/payload.config')).default

    const shown = config.collections.filter((collection) => collection.admin?.hidden !== true)
    // Hidden globals (Payload's own job statistics, added when a task has a schedule) are shown to nobody.
    const shownGlobals = config.globals.filter((global) => global.admin?.hidden !== true)
    const misses = [
      ...shown.flatMap((collection) =>
        tamilMisses(collection.slug, {
          'singular name': collection.labels.singular,
          'plural name': collection.labels.plural,
          group: collection.admin.group,
          description: collection.admin.description,
        }),
      ),
      ...shownGlobals.flatMap((global) => tamilMisses(global.slug, { name: global.label, group: global.admin.group, description: global.admin.description })),
      ...[...shown, ...shownGlobals].flatMap((owner) => visibleFields(owner.fields, owner.slug).flatMap(fieldMisses)),
    ]

    expect(shown.map((collection) => collection.slug)).toEqual(expect.arrayContaining(['articles', 'doctors', 'specialties', 'subscribers', 'webhook-deliveries']))
    expect(misses).toEqual([])
  })

  it('when the collections get their interface labels, then English reads exactly as the collections declare it', () => {
    const { collections, globals } = declaredModel()
    const labelled = withInterfaceLabels(collections, INTERFACE_LANGUAGES)
    const labelledGlobals = withGlobalInterfaceLabels(globals, INTERFACE_LANGUAGES)

    const pairs = [
      ...collections.flatMap((collection, index) => [
        { what: `description of ${collection.slug}`, code: collection.admin?.description, shown: labelled[index].admin?.description },
        ...englishPairs(collection.fields, labelled[index].fields, collection.slug),
      ]),
      ...globals.flatMap((global, index) => englishPairs(global.fields, labelledGlobals[index].fields, global.slug)),
    ].filter((pair) => typeof pair.code === 'string')
    const differences = pairs
      .filter(({ code, shown }) => (typeof shown === 'string' ? shown : (shown as Record<string, string>).en) !== code)
      .map(({ what, code, shown }) => `${what}: code says "${code}", English admin shows "${typeof shown === 'string' ? shown : (shown as Record<string, string>).en}"`)

    expect(pairs.length).toBeGreaterThan(80)
    expect(differences).toEqual([])
  })

  it('when the articles get their interface labels, then a nested term, a workflow state and a description are Tamil and the English stays', () => {
    const [articles] = withInterfaceLabels([Articles as CollectionConfig], INTERFACE_LANGUAGES)
    const fields = visibleFields(articles.fields, 'articles')
    const find = (where: string) => fields.find((entry) => entry.where === where)?.field as Record<string, any>

    const subTerm = find('articles.sections.content.termList.items.subItems.term')
    const workflowState = find('articles.workflowState')
    const slug = find('articles.slug')

    expect(subTerm.label).toEqual({ en: 'Term', ta: 'சொல்' })
    expect(workflowState.options.find((option: { value: string }) => option.value === 'in_review').label).toEqual({ en: 'In review', ta: 'மதிப்பாய்வில்' })
    expect(slug.admin.description.en).toBe('The same in every language; used in URLs and file names.')
    expect(slug.admin.description.ta).toMatch(TAMIL_SCRIPT)
  })

  describe('when fields sit inside tabs, rows, collapsibles, groups, arrays and blocks', () => {
    const previousDir = process.env.TRANSLATIONS_DIR
    let dir: string

    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vitalpress-interface-labels-'))
      const bundle = (language: string, texts: Record<string, string>) => {
        fs.mkdirSync(path.join(dir, language), { recursive: true })
        fs.writeFileSync(path.join(dir, language, 'meta.json'), JSON.stringify({ name: language, dir: 'ltr' }))
        fs.writeFileSync(path.join(dir, language, 'adminModel.json'), JSON.stringify(texts))
      }
      bundle('en', {
        'field_cases_dose.amount': 'Amount',
        'description_cases_dose.amount': 'Per day.',
        'tab_cases_Clinical': 'Clinical',
        'field_cases_notes.body': 'Body',
        'collapsible_cases_More': 'More',
        'field_cases_extra': 'Extra',
        'option_cases_steps.stage_open': 'Open',
        'rows_cases_steps_singular': 'Step',
        'rows_cases_steps_plural': 'Steps',
        'block_cases_quote_singular': 'Quote',
        'block_cases_quote_plural': 'Quotes',
        'field_cases_parts.quote.text': 'Quoted text',
      })
      bundle('ta', {
        'field_cases_dose.amount': 'அளவு',
        'description_cases_dose.amount': 'ஒரு நாளுக்கு.',
        'tab_cases_Clinical': 'மருத்துவம்',
        'field_cases_notes.body': 'உரை',
        'collapsible_cases_More': 'மேலும்',
        'field_cases_extra': 'கூடுதல்',
        'option_cases_steps.stage_open': 'திறந்தது',
        'rows_cases_steps_singular': 'படி',
        'rows_cases_steps_plural': 'படிகள்',
        'block_cases_quote_singular': 'மேற்கோள்',
        'block_cases_quote_plural': 'மேற்கோள்கள்',
        'field_cases_parts.quote.text': 'மேற்கோள் உரை',
      })
      process.env.TRANSLATIONS_DIR = dir
    })

    afterAll(() => {
      if (previousDir === undefined) delete process.env.TRANSLATIONS_DIR
      else process.env.TRANSLATIONS_DIR = previousDir
    })

    it('then each gets the words of its schema path, and a field without a key keeps its own', () => {
      const cases: CollectionConfig = {
        slug: 'cases',
        fields: [
          {
            type: 'tabs',
            tabs: [
              {
                label: 'Clinical',
                fields: [
                  { type: 'row', fields: [{ name: 'dose', type: 'group', fields: [{ name: 'amount', type: 'number', admin: { description: 'Per day.' } }] }] },
                ],
              },
              { name: 'notes', fields: [{ name: 'body', type: 'textarea' }] },
            ],
          },
          { type: 'collapsible', label: 'More', fields: [{ name: 'extra', type: 'text' }, { name: 'untranslated', type: 'text', label: 'Untranslated' }] },
          { name: 'steps', type: 'array', fields: [{ name: 'stage', type: 'select', options: ['open', 'closed'] }] },
          { name: 'parts', type: 'blocks', blocks: [{ slug: 'quote', fields: [{ name: 'text', type: 'text' }] }] },
        ],
      }

      const [labelled] = withInterfaceLabels([cases], INTERFACE_LANGUAGES)
      const [tabs, collapsible, steps, parts] = labelled.fields as any[]
      const dose = tabs.tabs[0].fields[0].fields[0]

      expect(tabs.tabs[0].label).toEqual({ en: 'Clinical', ta: 'மருத்துவம்' })
      expect(dose.fields[0].label).toEqual({ en: 'Amount', ta: 'அளவு' })
      expect(dose.fields[0].admin.description).toEqual({ en: 'Per day.', ta: 'ஒரு நாளுக்கு.' })
      expect(tabs.tabs[1].fields[0].label).toEqual({ en: 'Body', ta: 'உரை' })
      expect(collapsible.label).toEqual({ en: 'More', ta: 'மேலும்' })
      expect(collapsible.fields[0].label).toEqual({ en: 'Extra', ta: 'கூடுதல்' })
      expect(collapsible.fields[1].label).toBe('Untranslated')
      expect(steps.labels).toEqual({ singular: { en: 'Step', ta: 'படி' }, plural: { en: 'Steps', ta: 'படிகள்' } })
      expect(steps.fields[0].options).toEqual([{ label: { en: 'Open', ta: 'திறந்தது' }, value: 'open' }, 'closed'])
      expect(parts.blocks[0].labels).toEqual({ singular: { en: 'Quote', ta: 'மேற்கோள்' }, plural: { en: 'Quotes', ta: 'மேற்கோள்கள்' } })
      expect(parts.blocks[0].fields[0].label).toEqual({ en: 'Quoted text', ta: 'மேற்கோள் உரை' })
      expect(cases.fields[1]).toEqual(expect.objectContaining({ label: 'More' }))
    })
  })
})
