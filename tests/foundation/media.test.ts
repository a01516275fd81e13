import fs from 'node:fs'
import path from 'node:path'
import sharp from 'sharp'

import { decompressionBombPng } from '../support/images'
import { startPayload, stopPayload, type TestLibrary } from '../support/payload'

async function jpeg(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 120, b: 80 } } })
    .jpeg({ quality: 80 })
    .toBuffer()
}

function upload(data: Buffer, name: string, mimetype: string) {
  return { data, name, mimetype, size: data.length }
}

describe('media uploads', () => {
  let library: TestLibrary

  beforeAll(async () => {
    library = await startPayload('media')
  })
  afterAll(() => stopPayload(library))

  it('when a 2000 × 1200 JPEG is uploaded, then WebP copies 320, 768 and 1536 pixels wide are written', async () => {
    const image = await library.payload.create({
      collection: 'media',
      data: { alt: 'An X-ray of the spine' },
      file: upload(await jpeg(2000, 1200), 'spine-xray.jpg', 'image/jpeg'),
    })

    const sizes = image.sizes as Record<string, { width: number; height: number; mimeType: string; filename: string }>
    expect(Object.keys(sizes).sort()).toEqual(['w1536', 'w320', 'w768'])
    for (const [name, width] of [['w320', 320], ['w768', 768], ['w1536', 1536]] as const) {
      expect(sizes[name].width).toBe(width)
      expect(sizes[name].height).toBe(Math.round((1200 * width) / 2000))
      expect(sizes[name].mimeType).toBe('image/webp')
      const written = await sharp(path.join(library.env.MEDIA_DIR, sizes[name].filename)).metadata()
      expect(written.format).toBe('webp')
      expect(written.width).toBe(width)
    }
  })

  it('when an image is uploaded without alt text, then it is refused', async () => {
    await expect(
      library.payload.create({ collection: 'media', data: {} as never, file: upload(await jpeg(400, 300), 'no-alt.jpg', 'image/jpeg') }),
    ).rejects.toThrow(/alt/i)
  })

  it('when a decompression bomb (a small PNG of 20000 × 20000 pixels) is uploaded, then it is refused with the size and the limit', async () => {
    const bomb = decompressionBombPng(20000, 20000)
    expect(bomb.length).toBeLessThan(2_000_000)
    const filesBefore = fs.existsSync(library.env.MEDIA_DIR) ? fs.readdirSync(library.env.MEDIA_DIR).length : 0

    const attempt = library.payload.create({ collection: 'media', data: { alt: 'bomb' }, file: upload(bomb, 'bomb.png', 'image/png') })

    await expect(attempt).rejects.toMatchObject({ status: 413, message: expect.stringContaining('20000 × 20000 pixels (400.0 megapixels); at most 40.0 megapixels') })
    const filesAfter = fs.existsSync(library.env.MEDIA_DIR) ? fs.readdirSync(library.env.MEDIA_DIR).length : 0
    expect(filesAfter).toBe(filesBefore)
    expect((await library.payload.find({ collection: 'media', where: { alt: { equals: 'bomb' } } })).totalDocs).toBe(0)
  })

  it('when a text file is uploaded as an image, then it is refused with a message naming the accepted formats', async () => {
    const notAnImage = Buffer.from('<script>alert(1)</script> this is not a picture')

    const attempt = library.payload.create({ collection: 'media', data: { alt: 'fake' }, file: upload(notAnImage, 'photo.jpg', 'image/jpeg') })

    await expect(attempt).rejects.toMatchObject({ message: expect.stringMatching(/not an image that can be read\. Upload a JPEG, PNG, WebP, AVIF or GIF/) })
    expect((await library.payload.find({ collection: 'media', where: { alt: { equals: 'fake' } } })).totalDocs).toBe(0)
  })
})
