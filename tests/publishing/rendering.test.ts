import { richTextFromParagraphs } from '../../src/content/lexical'
import { loadLanguages } from '../../src/languages/registry'
import { createLabels } from '../../src/publishing/readerLabels'
import { Manifest, MANIFEST_PARTS, manifestPartOf, serialize, sha256 } from '../../src/publishing/manifest'
import { searchShardOf } from '../../src/publishing/render/search'
import { manifestPartPath } from '../../src/publishing/layout'
import { alternatesOf } from '../../src/publishing/render/alternates'
import { renderArticle, type ArticleRecord } from '../../src/publishing/render/article'
import type { DirectorySnapshot } from '../../src/publishing/render/directory'
import { renderRichText, sanitizePublishedHtml } from '../../src/publishing/richText'
import { loadSchemas } from '../../src/publishing/schemas'

const languages = loadLanguages()
const labels = createLabels(languages)
const english = languages.find((language) => language.code === 'en')!
const today = new Date('2025-07-03T00:00:00.000Z')

const text = (value: string, format = 0) => ({ type: 'text', text: value, format, detail: 0, mode: 'normal', style: '', version: 1 })
const paragraph = (...children: unknown[]) => ({ type: 'paragraph', children, direction: 'ltr', format: '', indent: 0, version: 1, textFormat: 0, textStyle: '' })
const link = (url: string, label: string) => ({ type: 'link', fields: { url, linkType: 'custom', newTab: false }, children: [text(label)], direction: 'ltr', format: '', indent: 0, version: 3 })
const state = (...children: unknown[]) => ({ root: { type: 'root', children, direction: 'ltr', format: '', indent: 0, version: 1 } }) as never

function directory(): DirectorySnapshot {
  return {
    language: english,
    specialties: new Map([['s1', { id: 's1', slug: 'orthopaedics', name: 'Orthopaedics', singular: 'Orthopaedician', plural: 'Orthopaedicians' }]]),
    clinics: new Map([['c1', { id: 'c1', name: 'Clinic', city: 'Pune' }]]),
    doctors: [],
    doctorsById: new Map(),
    images: new Map(),
    people: new Map([['u1', 'Dr. Asha Rao']]),
  }
}

function article(overrides: Partial<ArticleRecord> = {}): ArticleRecord {
  return {
    id: 'a1',
    slug: 'bone-health',
    title: 'Bone health',
    summary: 'Keeping bones strong.',
    specialty: 's1',
    sections: [{ id: 'x1', heading: 'Introduction', content: [{ blockType: 'prose', body: richTextFromParagraphs(['Bones matter.']) as never }] }],
    lastUpdated: '2025-07-03T00:00:00.000Z',
    updatedAt: '2025-07-03T00:00:00.000Z',
    createdAt: '2025-07-03T00:00:00.000Z',
    ...overrides,
  } as ArticleRecord
}

const render = (record: ArticleRecord) =>
  renderArticle({
    article: record,
    content: record,
    contentLanguage: english,
    reader: english,
    translation: { state: 'source', fallback: false },
    alternates: alternatesOf(record.slug, [{ locale: 'en', servedInOwnLanguage: true }], 'https://health.example.org/{locale}/articles/{slug}'),
    sourceLocale: 'en',
    version: { revision: 1, id: null },
    directory: directory(),
    labels: labels.get('en')!,
    today,
  })

describe('labels', () => {
  it('when dates are written in en, then days carry English ordinals and months are short', () => {
    const en = labels.get('en')!
    expect(en.lastUpdated('2025-07-03T00:00:00.000Z')).toBe('Last updated on 3rd Jul, 2025')
    expect(['2025-07-01', '2025-07-02', '2025-07-11', '2025-07-22'].map((day) => en.date(`${day}T00:00:00Z`))).toEqual([
      '1st Jul, 2025',
      '2nd Jul, 2025',
      '11th Jul, 2025',
      '22nd Jul, 2025',
    ])
  })

  it('when years of experience are counted, then one year is singular and others plural, in each language', () => {
    expect([labels.get('en')!.yearsOfExperience(1), labels.get('en')!.yearsOfExperience(9)]).toEqual(['1 Year', '9 Years'])
    expect(labels.get('ta')!.yearsOfExperience(9)).toBe('9 ஆண்டுகள்')
  })
})

describe('rendering an article', () => {
  it('when the article has no author and no byline, then no author and no "Written by" label are written', () => {
    const document = render(article())
    expect(document).not.toHaveProperty('author')
    expect(JSON.stringify(document)).not.toContain('Written by')
  })

  it('when the article has a byline, then "Written by" is followed by it', () => {
    expect(render(article({ byline: 'Dr. Meera Iyer' })).author).toEqual({ name: 'Dr. Meera Iyer', label: 'Written by Dr. Meera Iyer' })
  })

  it('when no review dates are set, then no review labels are written and the document still validates', () => {
    const document = render(article())
    expect(document).not.toHaveProperty('lastReviewed')
    expect(document).not.toHaveProperty('reviewer')
    const schemas = loadSchemas()
    expect(() => schemas.assertValid('article', document, 'a.json')).not.toThrow()
  })
})

describe('sanitizing rich text', () => {
  const hostile = state(
    paragraph(text('<script>alert(1)</script>'), text('<img src=x onerror=alert(2)>')),
    paragraph(link('javascript:alert(3)', 'click me'), link('https://example.org/ok', 'safe')),
    { type: 'paragraph', children: [text('<iframe src="https://evil.example"></iframe>')], direction: 'ltr', format: '', indent: 0, version: 1, textStyle: 'x" onmouseover="alert(4)' },
  )

  /** Live markup only: an escaped "&lt;script&gt;" is text a reader sees, not a tag. */
  const DANGEROUS = /<\s*(script|iframe|img|object|embed|style)\b|<[^>]*\son\w+\s*=|href\s*=\s*"\s*javascript:/i

  it('when rich text holds scripts, event handlers, javascript: links and an iframe, then none reaches the HTML as markup', () => {
    const { html } = renderRichText(hostile)
    expect(html).not.toMatch(DANGEROUS)
    expect(html).toContain('href="https://example.org/ok"')
    expect(html).toContain('&lt;script&gt;')
  })

  it('when raw hostile HTML reaches the sanitizer, then tags, handlers and javascript: links are removed and the text kept', () => {
    const html = sanitizePublishedHtml(
      '<p onclick="x()">Hi<script>alert(1)</script><iframe src="https://evil.example"></iframe><a href="javascript:alert(2)">a</a><a href="https://ok.example" target="_blank">b</a><img src=x onerror=alert(3)></p>',
    )
    expect(html).not.toMatch(DANGEROUS)
    expect(html).toBe('<p>Hi<a>a</a><a href="https://ok.example" target="_blank" rel="noopener noreferrer">b</a></p>')
  })

  it('when a hostile article is rendered, then its section HTML carries no live markup either', () => {
    const document = render(article({ sections: [{ id: 'x1', heading: 'Hostile', content: [{ blockType: 'prose', body: hostile }] }] as never }))
    expect(document.sections[0].html).not.toMatch(DANGEROUS)
  })
})

describe('the manifest', () => {
  const fromFiles = (files: Map<string, Buffer>) => Manifest.read(async (path) => files.get(path) ?? null)
  const written = (manifest: Manifest, files = new Map<string, Buffer>()) => {
    const { parts, top } = manifest.serialize()
    for (const file of [...parts, top]) files.set(file.path, file.bytes)
    return { files, parts: parts.map((part) => part.path) }
  }

  it('when a file is recorded and later removed, then the entry becomes a tombstone and reading the parts back gives the same bytes', async () => {
    const manifest = Manifest.empty()
    const bytes = serialize({ hello: 'world' })
    manifest.recordWrite({ path: 'en/articles/a.json', sha256: sha256(bytes), bytes: bytes.length, locale: 'en', kind: 'article', version: 3 })
    expect(manifest.holds('en/articles/a.json', sha256(bytes), bytes.length)).toBe(true)
    manifest.recordRemoval('en/articles/a.json', { kind: 'article', locale: 'en' }, '2025-07-03T00:00:00.000Z')
    const document = manifest.toDocument()
    expect(document.files).toEqual([])
    expect(document.tombstones).toEqual([{ path: 'en/articles/a.json', locale: 'en', kind: 'article', version: 3, removedAt: '2025-07-03T00:00:00.000Z' }])
    const { files } = written(manifest)
    const again = written(await fromFiles(files), new Map(files))
    expect(again.parts).toEqual([])
    expect(again.files).toEqual(files)
  })

  it('when one file of a large tree changes, then one part and manifest.json are written, and every language of a file shares its part', async () => {
    const manifest = Manifest.empty()
    for (let article = 0; article < 2000; article += 1) {
      for (const locale of ['en', 'hi', 'ta']) {
        manifest.recordWrite({ path: `${locale}/articles/a-${article}.json`, sha256: sha256(Buffer.from(`${locale}${article}`)), bytes: 10, locale, kind: 'article', version: 1 })
      }
    }
    const first = written(manifest)
    // Every part that holds a file is written once, and the paths spread over most of the parts.
    const holding = new Set(Array.from({ length: 2000 }, (_, article) => manifestPartOf(`en/articles/a-${article}.json`)))
    expect(first.parts.length).toBe(holding.size)
    expect(holding.size).toBeGreaterThan(MANIFEST_PARTS / 2)
    const reread = await fromFiles(first.files)
    expect(reread.entries.size).toBe(6000)
    reread.recordWrite({ path: 'hi/articles/a-7.json', sha256: sha256(Buffer.from('changed')), bytes: 11, locale: 'hi', kind: 'article', version: 2 })
    expect(written(reread).parts).toEqual([manifestPartPath(manifestPartOf('en/articles/a-7.json'))])
    expect(manifestPartOf('hi/articles/a-7.json')).toBe(manifestPartOf('ta/articles/a-7.json'))
  })

  it('when a part was written by a run that died before manifest.json, then reading records what the part holds and writes it again', async () => {
    const manifest = Manifest.empty()
    manifest.recordWrite({ path: 'en/articles/a.json', sha256: sha256(Buffer.from('a')), bytes: 1, locale: 'en', kind: 'article', version: 1 })
    const { files } = written(manifest)
    const part = manifestPartPath(manifestPartOf('en/articles/a.json'))
    const moved = Manifest.empty()
    moved.recordWrite({ path: 'en/articles/a.json', sha256: sha256(Buffer.from('b')), bytes: 1, locale: 'en', kind: 'article', version: 2 })
    files.set(part, written(moved).files.get(part)!)

    const reread = await fromFiles(files)
    expect(reread.holds('en/articles/a.json', sha256(Buffer.from('b')), 1)).toBe(true)
    expect(written(reread).parts).toEqual([part])
  })

  it('when a manifest of the first layout (every file in manifest.json) is read, then its files are kept and written in parts', async () => {
    const entry = { path: 'en/articles/a.json', sha256: sha256(Buffer.from('a')), bytes: 1, locale: 'en', kind: 'article', version: 1 }
    const old = new Map([['manifest.json', serialize({ kind: 'manifest', schemaVersion: 1, files: [entry], tombstones: [] })]])
    const reread = await fromFiles(old)
    expect(reread.toDocument().files).toEqual([entry])
    expect(written(reread).parts).toEqual([manifestPartPath(manifestPartOf(entry.path))])
  })

  it('when a manifest was written in 64 parts, then every file and tombstone is read, and it is written again in the current parts', async () => {
    const entries = Array.from({ length: 300 }, (_, article) => ({
      path: `en/articles/a-${article}.json`,
      sha256: sha256(Buffer.from(String(article))),
      bytes: 10,
      locale: 'en',
      kind: 'article' as const,
      version: 1,
    }))
    const tombstone = { path: 'hi/articles/gone.json', locale: 'hi', kind: 'article' as const, version: 2, removedAt: '2025-07-03T00:00:00.000Z' }
    // The earlier layout: part FNV-1a(path without the language folder) modulo 64.
    const oldPart = (path: string) => searchShardOf(path.slice(path.indexOf('/') + 1), 64)
    const files = new Map<string, Buffer>()
    const summaries = []
    for (let part = 0; part < 64; part += 1) {
      const document = { kind: 'manifestPart', part, files: entries.filter((entry) => oldPart(entry.path) === part), tombstones: [tombstone].filter((gone) => oldPart(gone.path) === part) }
      const bytes = serialize(document)
      files.set(manifestPartPath(part), bytes)
      summaries.push({ part, path: manifestPartPath(part), sha256: sha256(bytes), bytes: bytes.length, files: document.files.length, tombstones: document.tombstones.length })
    }
    files.set('manifest.json', serialize({ kind: 'manifest', schemaVersion: 2, partCount: 64, parts: summaries }))

    const reread = await fromFiles(files)
    expect(reread.toDocument()).toEqual({ files: [...entries].sort((a, b) => (a.path < b.path ? -1 : 1)), tombstones: [tombstone] })
    const { files: rewritten } = written(reread, files)
    const top = JSON.parse(rewritten.get('manifest.json')!.toString('utf8'))
    expect(top.partCount).toBe(MANIFEST_PARTS)
    expect(top.parts.some((summary: { part: number }) => summary.part >= 64)).toBe(true)
    const again = await fromFiles(rewritten)
    expect(again.toDocument()).toEqual(reread.toDocument())
    expect(written(again).parts).toEqual([])
  })

  it('when the manifest on disk is unreadable, then it counts as empty so a rebuild rewrites everything', async () => {
    expect((await fromFiles(new Map([['manifest.json', Buffer.from('{"kind":"manif')]]))).entries.size).toBe(0)
  })
})
