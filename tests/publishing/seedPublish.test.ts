import path from 'node:path'
import type { Payload } from 'payload'

import { publisherFor } from '../../src/publishing/createPublisher'
import { seedLibrary } from '../../src/seed/seedLibrary'
import { startPayload, stopPayload, type TestLibrary } from '../support/payload'
import { changesAfter, isManifestFile, modificationTimes, readArticleIndex, readJson, readManifest, readSpecialtyArticles, readTree, treeProblems } from './support'

let library: TestLibrary
let payload: Payload
let out: string

beforeAll(async () => {
  library = await startPayload('publishing-seed')
  payload = library.payload
  out = library.env.PUBLISH_DIR
  await seedLibrary(payload)
  await publisherFor(payload).publish({ kind: 'all' })
})

afterAll(async () => {
  await stopPayload(library)
})

describe('publishing the seed library', () => {
  it('when the library is rebuilt, then every file of the seed article in en, hi and ta exists and validates against its schema', () => {
    const files = [...readTree(out).keys()]
    for (const locale of ['en', 'hi', 'ta']) {
      for (const kind of ['articles/bone-metastases.json', 'articles/index.json', 'doctors/index.json', 'specialties/orthopaedics.json']) {
        expect(files).toContain(`${locale}/${kind}`)
      }
      expect(readArticleIndex(out, locale).map((entry) => entry.slug)).toEqual(['bone-metastases'])
      expect(readSpecialtyArticles(out, locale, 'orthopaedics').map((entry) => entry.slug)).toEqual(['bone-metastases'])
    }
    expect(files).toContain('manifest.json')
    expect(files).toContain('schemas/article.schema.json')
    expect(treeProblems(out)).toEqual([])
  })

  it('when the en article is read, then it says "Last updated on 3rd Jul, 2025" and "Consult Top Orthopaedicians" with five doctors, and no "Written by"', () => {
    const article = readJson(out, 'en/articles/bone-metastases.json')
    expect(article.lastUpdated).toEqual({ date: '2025-07-03', label: 'Last updated on 3rd Jul, 2025' })
    expect(article.doctors.heading).toBe('Consult Top Orthopaedicians')
    expect(article.doctors.items).toHaveLength(5)
    expect(article.doctors.items[0].experienceLabel).toMatch(/^\d+ Years?$/)
    expect(article).not.toHaveProperty('author')
    expect(JSON.stringify(article)).not.toContain('Written by')
    expect(article.sections).toHaveLength(8)
    expect(article.jsonLd['@type']).toBe('MedicalWebPage')
    expect(article.translation).toEqual({ state: 'source', fallback: false })
  })

  it('when any language’s article file is read, then it claims no review the source never had: no reviewed line, reviewer or review dates, in the JSON-LD neither', () => {
    for (const locale of ['en', 'hi', 'ta']) {
      const article = readJson(out, `${locale}/articles/bone-metastases.json`)
      expect(article).not.toHaveProperty('lastReviewed')
      expect(article).not.toHaveProperty('reviewer')
      expect(article).not.toHaveProperty('nextReviewDue')
      expect(article.jsonLd).not.toHaveProperty('lastReviewed')
      expect(article.jsonLd).not.toHaveProperty('reviewedBy')
    }
    const everything = [...readTree(out).values()].map((bytes) => bytes.toString('utf8')).join('\n')
    expect(everything).not.toMatch(/Medically reviewed|Reviewed by|Ravi Reviewer/)
  })

  it('when hi has no approved translation, then its file carries the English text with a notice in Hindi and its own labels', () => {
    const article = readJson(out, 'hi/articles/bone-metastases.json')
    expect(article.locale).toBe('hi')
    expect(article.contentLocale).toBe('en')
    expect(article.title).toBe(readJson(out, 'en/articles/bone-metastases.json').title)
    expect(article.translation.fallback).toBe(true)
    expect(article.translation.notice).toContain('हिन्दी')
    expect(article.lastUpdated.label).toBe('अंतिम अपडेट: 3 जुल॰ 2025')
    expect(article.doctors.heading).toBe('शीर्ष अस्थि रोग विशेषज्ञों से परामर्श करें')
  })

  it('when any published file is searched, then it holds no email address, review note, password hash or draft status', async () => {
    const emails = (await payload.find({ collection: 'users', pagination: false, depth: 0 })).docs.map((user) => user.email)
    const notes = (await payload.find({ collection: 'workflow-events', pagination: false, depth: 0 })).docs.map((event) => event.note).filter(Boolean)
    for (const [relative, bytes] of readTree(out)) {
      const text = bytes.toString('utf8')
      expect({ relative, hasAt: /[\w.+-]+@[\w-]+\.[\w.]+/.test(text) }).toEqual({ relative, hasAt: false })
      for (const email of emails) expect(text).not.toContain(email)
      for (const note of notes) expect(text).not.toContain(note)
      expect(text).not.toMatch(/"(hash|salt|reviewNote|approvedFingerprint|_status|workflowState)"/)
    }
  })

  it('when the library is published again with no change, then no file is written and the manifest is unchanged', async () => {
    const before = modificationTimes(out)
    const manifestBefore = [...readTree(out)].filter(([relative]) => isManifestFile(relative))
    const report = await publisherFor(payload).publish({ kind: 'all' })
    expect(report.written).toEqual([])
    expect(report.removed).toEqual([])
    expect(modificationTimes(out)).toEqual(before)
    expect([...readTree(out)].filter(([relative]) => isManifestFile(relative))).toEqual(manifestBefore)
  })

  it('when a file of the tree is deleted behind the publisher’s back, then a rebuild writes it again and only it', async () => {
    const { rmSync } = await import('node:fs')
    rmSync(path.join(out, 'ta', 'doctors', 'index.json'))
    const report = await publisherFor(payload).publish({ kind: 'all' })
    expect(report.written).toEqual(['ta/doctors/index.json'])
    expect(report.changes?.paths).toEqual(['ta/doctors/index.json'])
    expect(changesAfter(out, report.changes!.from - 1)).toEqual([expect.objectContaining({ path: 'ta/doctors/index.json', change: 'written', locale: 'ta', kind: 'doctorDirectory' })])
    expect(treeProblems(out)).toEqual([])
  })

  it('when the manifest is read, then it lists every file with its sha256, size, locale, kind and version', () => {
    const manifest = readManifest(out)
    const tree = readTree(out)
    const listed = manifest.files.map((entry: { path: string }) => entry.path).sort()
    // The feed describes the history of this tree, not the library, so the manifest leaves it out.
    expect(listed).toEqual([...tree.keys()].filter((relative) => !isManifestFile(relative) && !relative.startsWith('changes/')).sort())
    expect([...tree.keys()]).toContain('changes/head.json')
    const entry = manifest.files.find((file: { path: string }) => file.path === 'en/articles/bone-metastases.json')
    expect(entry).toMatchObject({ locale: 'en', kind: 'article', version: 1, bytes: tree.get('en/articles/bone-metastases.json')!.length })
  })
})
