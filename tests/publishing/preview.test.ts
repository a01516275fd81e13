import type { Payload } from 'payload'

import { readEnvironment } from '../../src/environment/readEnvironment'
import { loadLanguages, type Language } from '../../src/languages/registry'
import type { User } from '../../src/payload-types'
import { publisherFor } from '../../src/publishing/createPublisher'
import { previewArticle, type PreviewMode } from '../../src/publishing/preview'
import { createLabels } from '../../src/publishing/readerLabels'
import { seedLibrary } from '../../src/seed/seedLibrary'
import { startPayload, stopPayload, type TestLibrary } from '../support/payload'
import { readJson } from './support'

/** The preview against the publisher, through a real Payload: the Published preview is the file, byte for byte of its content. */

let library: TestLibrary
let payload: Payload
let editor: User
let articleId: string
const languages = loadLanguages()
const labels = createLabels(languages)
const now = new Date()

const preview = (reader: Language, mode: PreviewMode) =>
  previewArticle({ payload, articleId, user: editor, reader, languages, labels: labels.get(reader.code)!, mode, publishing: readEnvironment().publishing, today: now })

beforeAll(async () => {
  library = await startPayload('publishing-preview')
  payload = library.payload
  await seedLibrary(payload)
  await publisherFor(payload).publish({ kind: 'all' }, { now })
  editor = (await payload.find({ collection: 'users', where: { email: { equals: 'editor@vitalpress.example' } }, overrideAccess: true })).docs[0] as User
  articleId = (await payload.find({ collection: 'articles', where: { slug: { equals: 'bone-metastases' } }, depth: 0, overrideAccess: true })).docs[0].id
})

afterAll(async () => {
  await stopPayload(library)
})

describe('the reader preview', () => {
  it('when the published version is previewed in each language, then it is the very document the publisher wrote for that language, the Hindi and Tamil fallbacks included', async () => {
    for (const language of languages) {
      const shown = await preview(language, 'published')

      expect(shown.document).toEqual(readJson(library.env.PUBLISH_DIR, `${language.code}/articles/bone-metastases.json`))
    }
    expect((await preview(languages.find((language) => language.code === 'hi')!, 'published')).document?.translation).toMatchObject({ fallback: true, state: 'missing' })
  })

  it('when the editor saves a new summary as a draft, then the Draft preview shows it and the Published preview is still the published file', async () => {
    const english = languages.find((language) => language.code === 'en')!
    const summary = 'A shorter summary, waiting for review.'
    await payload.update({ collection: 'articles', id: articleId, locale: 'en', draft: true, data: { summary }, user: editor, overrideAccess: false })

    const draft = await preview(english, 'draft')
    const published = await preview(english, 'published')

    expect(draft.document?.summary).toBe(summary)
    expect(draft.workflowState).toBe('draft')
    expect(published.document).toEqual(readJson(library.env.PUBLISH_DIR, 'en/articles/bone-metastases.json'))
    expect(published.document?.summary).not.toBe(summary)
  })
})
