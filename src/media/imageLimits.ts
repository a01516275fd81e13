import sharp from 'sharp'
import { APIError } from 'payload'

export const ACCEPTED_IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/gif']

/** The formats sharp reports for those types (AVIF is HEIF with AV1 compression). */
const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp', 'gif', 'heif'])

export class ImageRefusedError extends APIError {
  constructor(
    message: string,
    readonly code: 'IMAGE_UNREADABLE' | 'IMAGE_TYPE_REFUSED' | 'IMAGE_TOO_LARGE',
  ) {
    super(message, code === 'IMAGE_TOO_LARGE' ? 413 : 400, { code }, true)
  }
}

/**
 * Reads only the image header, so a decompression bomb (a small file that would expand to
 * gigabytes of pixels) is refused before anything decodes it.
 */
export async function assertImageWithinLimits(input: Buffer | string, maxPixels: number): Promise<{ width: number; height: number }> {
  let width: number | undefined
  let height: number | undefined
  let format: string | undefined
  let compression: string | undefined
  try {
    ;({ width, height, format, compression } = await sharp(input, { limitInputPixels: false }).metadata())
  } catch {
    throw new ImageRefusedError(
      'The file is not an image that can be read. Upload a JPEG, PNG, WebP, AVIF or GIF file.',
      'IMAGE_UNREADABLE',
    )
  }
  // SVG (which can carry scripts), TIFF, PDF and the like are readable but not images a page uses.
  if (!format || !ACCEPTED_FORMATS.has(format) || (format === 'heif' && compression !== 'av1')) {
    throw new ImageRefusedError(
      `The file is a ${format ?? 'unknown'} image; only JPEG, PNG, WebP, AVIF and GIF are accepted. Export it in one of those formats and upload it again.`,
      'IMAGE_TYPE_REFUSED',
    )
  }
  if (!width || !height) {
    throw new ImageRefusedError('The image has no readable width and height. Export it again as JPEG or PNG.', 'IMAGE_UNREADABLE')
  }
  if (width * height > maxPixels) {
    throw new ImageRefusedError(
      `The image is ${width} × ${height} pixels (${(width * height / 1e6).toFixed(1)} megapixels); at most ${(maxPixels / 1e6).toFixed(1)} megapixels are accepted. Resize it before uploading.`,
      'IMAGE_TOO_LARGE',
    )
  }
  return { width, height }
}
