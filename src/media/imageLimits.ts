import sharp from 'sharp'
import { APIError } from 'payload'

/** Default ceiling on an upload's pixel count: 40 megapixels, far above any photo a page needs. */
export const DEFAULT_MAX_IMAGE_PIXELS = 40_000_000

export const ACCEPTED_IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/gif']

export class ImageRefusedError extends APIError {
  constructor(
    message: string,
    readonly code: 'IMAGE_UNREADABLE' | 'IMAGE_TOO_LARGE',
  ) {
    super(message, code === 'IMAGE_TOO_LARGE' ? 413 : 400, { code }, true)
  }
}

export function maxImagePixelsFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const configured = Number(env.MEDIA_MAX_PIXELS)
  return Number.isFinite(configured) && configured > 0 ? configured : DEFAULT_MAX_IMAGE_PIXELS
}

/**
 * Reads only the image header, so a decompression bomb (a small file that would expand to
 * gigabytes of pixels) is refused before anything decodes it.
 */
export async function assertImageWithinLimits(input: Buffer | string, maxPixels: number): Promise<{ width: number; height: number }> {
  let width: number | undefined
  let height: number | undefined
  try {
    ;({ width, height } = await sharp(input, { limitInputPixels: false }).metadata())
  } catch {
    throw new ImageRefusedError(
      'The file is not an image that can be read. Upload a JPEG, PNG, WebP, AVIF or GIF file.',
      'IMAGE_UNREADABLE',
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
