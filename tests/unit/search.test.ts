import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import MiniSearch from 'minisearch'

import type { ArticleDocument } from '../../src/publishing/publishedJson'
import {
  buildSearchShard,
  renderSearchIndex,
  replaceInSearchShard,
  SEARCH_OPTIONS,
  searchDocumentOf,
  searchShardOf,
  searchTokens,
  type SearchDocument,
} from '../../src/publishing/render/search'
import { serialize } from '../../src/publishing/manifest'
import { indexLineOf } from '../../src/publishing/indexLines'
import { indexEntryOf } from '../../src/publishing/render/article'
import { loadSchemas } from '../../src/publishing/schemas'
import { SearchShards } from '../../src/publishing/searchShards'

const schemas = loadSchemas()

/** Word-like segments as `Intl.Segmenter` cuts them, in the form the index keeps. */
function segmenterWords(locale: string, text: string): string[] {
  const segmenter = new Intl.Segmenter(locale, { granularity: 'word' })
  return [...segmenter.segment(text.normalize('NFC').toLowerCase())].filter((segment) => segment.isWordLike).map((segment) => segment.segment)
}

function entry(slug: string, overrides: Partial<SearchDocument> = {}): SearchDocument {
  return {
    id: slug,
    title: `Title of ${slug}`,
    summary: 'What to know about bones.',
    headings: 'Symptoms\nTreatment',
    text: `Pain in the ${slug} area.`,
    terms: 'Biopsy\nA sample of tissue.',
    path: `en/articles/${slug}.json`,
    contentLocale: 'en',
    fallback: false,
    ...overrides,
  }
}

function article(overrides: Partial<ArticleDocument> = {}): ArticleDocument {
  return {
    kind: 'article',
    id: 'a1',
    slug: 'bone-metastases',
    locale: 'hi',
    contentLocale: 'hi',
    dir: 'ltr',
    version: { revision: 1, id: 'v1' },
    title: 'अस्थि मेटास्टेसिस',
    summary: 'हड्डियों में कैंसर का फैलाव',
    specialty: { id: 's1', slug: 'oncology', name: 'कैंसर विज्ञान' },
    sections: [
      {
        id: 'x1',
        heading: 'लक्षण',
        html: '',
        text: '',
        content: [
          { type: 'prose', html: '', text: 'दर्द और फ्रैक्चर' },
          { type: 'termList', items: [{ term: 'बायोप्सी', explanation: 'ऊतक का नमूना', subItems: [{ term: 'सुई', explanation: 'पतली सुई से' }] }] },
        ],
      },
    ],
    readability: { grade: 2.1, measure: 'akshara-grade', reason: null, sentences: 3, words: 9 },
    translation: { state: 'approved', fallback: false },
    alternates: [],
    canonical: { locale: 'hi', path: 'hi/articles/bone-metastases.json', url: 'https://example.org/hi/bone-metastases' },
    jsonLd: {},
    ...overrides,
  }
}

describe('search tokens', () => {
  it('when Hindi and Tamil texts with vowel signs, viramas and conjuncts are cut, then the words are the ones Intl.Segmenter finds', () => {
    const hindi = 'अस्थि मेटास्टेसिस में हड्डियों का दर्द, क्षति और कैल्शियम; डॉक्टर से मिलें।'
    const tamil = 'எலும்பு புற்றுநோய் பரவல்: வலி, எலும்பு முறிவு மற்றும் சிகிச்சை.'

    expect(searchTokens(hindi)).toEqual(segmenterWords('hi', hindi))
    expect(searchTokens(tamil)).toEqual(segmenterWords('ta', tamil))
    expect(searchTokens(hindi)).toContain('हड्डियों')
    expect(searchTokens(tamil)).toContain('புற்றுநோய்')
  })

  it('when a word is written decomposed or in capitals, then it becomes the composed lower-case word', () => {
    const composed = 'ப\u0bcaருள்'
    const decomposed = 'ப\u0bc6\u0bbeருள்'
    expect(decomposed).not.toBe(composed)

    expect(searchTokens(`Bone ${decomposed}`)).toEqual(['bone', composed])
  })
})

describe('search shard of a slug', () => {
  it('when the same slug is placed again, then it lands in the same shard, and slugs spread over the shards', () => {
    const slugs = Array.from({ length: 640 }, (_, index) => `condition-${index}`)
    const shards = slugs.map((slug) => searchShardOf(slug, 64))

    expect(slugs.map((slug) => searchShardOf(slug, 64))).toEqual(shards)
    expect(shards.every((shard) => shard >= 0 && shard < 64)).toBe(true)
    expect(new Set(shards).size).toBeGreaterThan(48)
  })
})

describe('search document of an article', () => {
  it('when an article file is indexed, then its title, summary, headings, prose and terms are searchable and its content language kept', () => {
    const document = searchDocumentOf(article({ contentLocale: 'en', translation: { state: 'missing', fallback: true, notice: 'x' } }))

    expect(document).toMatchObject({ id: 'bone-metastases', path: 'hi/articles/bone-metastases.json', contentLocale: 'en', fallback: true, headings: 'लक्षण' })
    expect(document.text).toBe('दर्द और फ्रैक्चर')
    expect(document.terms.split('\n')).toEqual(['बायोप्सी', 'ऊतक का नमूना', 'सुई', 'पतली सुई से'])
  })
})

describe('search shards', () => {
  it('when a shard is built and loaded with MiniSearch, then a query finds the article by a word of each field', () => {
    const shard = buildSearchShard('hi', 3, [searchDocumentOf(article())])
    const index = MiniSearch.loadJS(shard.index, { fields: Object.keys(shard.index.fieldIds), tokenize: searchTokens })

    for (const query of ['मेटास्टेसिस', 'हड्डियों', 'लक्षण', 'फ्रैक्चर', 'बायोप्सी', 'नमूना']) {
      expect(index.search(query).map((hit) => hit.id)).toEqual(['bone-metastases'])
    }
    expect(index.search('परीक्षण')).toEqual([])
    expect(() => schemas.assertValid('searchShard', shard, 'hi/search/03.json')).not.toThrow()
  })

  it('when entries are replaced, removed and added in a published shard, then its bytes equal a shard built from the resulting entries', () => {
    const before = ['b-spine', 'a-knee', 'c-hip', 'd-wrist'].map((slug) => entry(slug))
    const published = buildSearchShard('en', 0, before)
    const changed = entry('c-hip', { title: 'Hip replacement', text: 'Titanium implant recovery.' })
    const added = entry('aa-elbow', { terms: 'Tendon\nA cord joining muscle to bone.' })

    const replaced = replaceInSearchShard(JSON.parse(serialize(published).toString('utf8')), ['d-wrist'], [changed, added])
    const rebuilt = buildSearchShard('en', 0, [entry('b-spine'), entry('a-knee'), changed, added])

    expect(serialize(replaced).equals(serialize(rebuilt))).toBe(true)
    const index = MiniSearch.loadJS<SearchDocument>(replaced.index, SEARCH_OPTIONS)
    expect(index.search('titanium').map((hit) => hit.id)).toEqual(['c-hip'])
    expect(index.search('wrist')).toEqual([])
    expect(index.search('tendon')[0]).toMatchObject({ id: 'aa-elbow', title: 'Title of aa-elbow', path: 'en/articles/aa-elbow.json', contentLocale: 'en', fallback: false })
  })

  it('when the shards of a language are listed, then only shards holding articles are named, in shard order', () => {
    const listing = renderSearchIndex('ta', 64, new Map([[9, 2], [1, 1], [5, 0]]))

    expect(listing.shards).toEqual([
      { shard: 1, path: 'ta/search/01.json', articles: 1 },
      { shard: 9, path: 'ta/search/09.json', articles: 2 },
    ])
    expect(() => schemas.assertValid('searchIndex', listing, 'ta/search/index.json')).not.toThrow()
    expect(new RegExp(listing.tokenizer.wordPattern, 'gu').test('வலி')).toBe(true)
  })
})

describe('search shards of a full rebuild', () => {
  let folder: string
  beforeEach(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'search-set-aside-'))
  })
  afterEach(() => fs.rmSync(folder, { recursive: true, force: true }))
  const articles = Array.from({ length: 7 }, (_, index) => article({ slug: `condition-${index}`, title: `स्थिति ${index} दर्द` }))
  const setAside = () => fs.readdirSync(folder).flatMap((name) => fs.readdirSync(path.join(folder, name)).map((file) => `${name.replace(/-\d+-\w+$/, '')}/${file}`))

  it('when entries pass the batch, then they wait in a file of their language, and each shard written is the one built from its entries', async () => {
    const shards = new SearchShards({ shardCount: 4, wholeLibrary: true, setAsideBatch: 3, setAsideIn: folder })
    for (const document of articles) await shards.add(document)
    expect(setAside()).toEqual(['vitalpress-search/hi.ndjson'])

    const emitted = new Map<string, unknown>()
    const listing = shards.listing('hi')
    for (const document of articles) listing.add(indexLineOf(indexEntryOf(document)))
    await shards.publish('hi', listing, {
      read: async () => null,
      emit: async (file, _kind, _locale, document) => void emitted.set(file, document),
      remove: async () => undefined,
    })
    const expected = new Map<number, SearchDocument[]>()
    for (const document of articles) {
      const shard = searchShardOf(document.slug, 4)
      expected.set(shard, [...(expected.get(shard) ?? []), searchDocumentOf(document)])
    }
    expect(expected.size).toBeGreaterThan(1)
    for (const [shard, documents] of expected) {
      expect(serialize(emitted.get(`hi/search/0${shard}.json`))).toEqual(serialize(buildSearchShard('hi', shard, documents)))
    }
    expect(emitted.size).toBe(expected.size + 1)
    expect(setAside()).toEqual([])
    await shards.discard()
    expect(fs.readdirSync(folder)).toEqual([])
  })

  it('when a killed rebuild left its entries behind, then the next rebuild removes them and keeps those of a running process', async () => {
    const killed = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid
    fs.mkdirSync(path.join(folder, `vitalpress-search-${killed}-abc123`))
    fs.writeFileSync(path.join(folder, `vitalpress-search-${killed}-abc123`, 'hi.ndjson'), 'left behind\n')
    fs.mkdirSync(path.join(folder, `vitalpress-search-${process.ppid}-def456`))

    const shards = new SearchShards({ shardCount: 4, wholeLibrary: true, setAsideBatch: 2, setAsideIn: folder })
    for (const document of articles) await shards.add(document)
    const names = fs.readdirSync(folder)
    expect(names).not.toContain(`vitalpress-search-${killed}-abc123`)
    expect(names).toContain(`vitalpress-search-${process.ppid}-def456`)
    expect(names.filter((name) => name.startsWith(`vitalpress-search-${process.pid}-`))).toHaveLength(1)
    await shards.discard()
  })

  it('when a rebuild stops before its search is written, then discarding removes the entries it set aside', async () => {
    const shards = new SearchShards({ shardCount: 4, wholeLibrary: true, setAsideBatch: 2, setAsideIn: folder })
    for (const document of articles) await shards.add(document)
    expect(setAside()).toEqual(['vitalpress-search/hi.ndjson'])
    await shards.discard()
    expect(fs.readdirSync(folder)).toEqual([])
  })
})
