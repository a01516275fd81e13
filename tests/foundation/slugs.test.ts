import { seedLibrary } from '../../src/seed/seedLibrary'
import { startPayload, stopPayload, type TestLibrary } from '../support/payload'

describe('article slugs', () => {
  let library: TestLibrary
  let specialty: string

  beforeAll(async () => {
    library = await startPayload('slugs')
    await seedLibrary(library.payload)
    specialty = (await library.payload.find({ collection: 'specialties', limit: 1 })).docs[0].id
  })
  afterAll(() => stopPayload(library))

  function draftWithSlug(slug: string) {
    return library.payload.create({
      collection: 'articles',
      draft: true,
      data: {
        slug,
        title: 'Osteoporosis',
        summary: 'Thinning bones.',
        specialty,
        sections: [{ heading: 'Introduction', content: [{ blockType: 'termList', items: [{ term: 'Bone density', explanation: 'How much mineral the bone holds.' }] }] }],
      },
    })
  }

  it.each([
    ['osteo/porosis', 'a slash'],
    ['../../etc/passwd', '".."'],
    ['osteo porosis', 'a space'],
    ['Osteoporosis', 'upper-case letters'],
  ])('when an article is saved with the slug %j, then it is refused with a message naming %s and the allowed characters', async (slug, named) => {
    const attempt = draftWithSlug(slug)

    await expect(attempt).rejects.toMatchObject({
      data: { errors: [expect.objectContaining({ path: 'slug', message: expect.stringContaining(named) })] },
    })
    await expect(attempt).rejects.toMatchObject({
      data: { errors: [expect.objectContaining({ message: expect.stringContaining('lower-case letters a–z, digits 0–9 and single hyphens') })] },
    })
  })

  it.each(['con', 'LPT1'])('when an article is saved with the device name %j as its slug, then it is refused with a message saying why and how to fix it, and nothing is saved', async (slug) => {
    const before = (await library.payload.count({ collection: 'articles' })).totalDocs
    const attempt = draftWithSlug(slug)

    await expect(attempt).rejects.toMatchObject({
      data: { errors: [expect.objectContaining({ path: 'slug', message: expect.stringContaining('a device name on Windows file systems') })] },
    })
    expect((await library.payload.count({ collection: 'articles' })).totalDocs).toBe(before)
  })

  it('when a second article takes a slug already in use, then it is refused and only one article holds the slug', async () => {
    const attempt = draftWithSlug('bone-metastases')

    await expect(attempt).rejects.toMatchObject({
      data: { errors: [expect.objectContaining({ path: 'slug', message: 'The slug "bone-metastases" is already used by another document; choose another.' })] },
    })
    const holders = await library.payload.find({ collection: 'articles', draft: true, where: { slug: { equals: 'bone-metastases' } } })
    expect(holders.totalDocs).toBe(1)
  })

  it('when a valid new slug is used, then the draft is saved', async () => {
    const saved = await draftWithSlug('osteoporosis')

    expect(saved.slug).toBe('osteoporosis')
  })
})
