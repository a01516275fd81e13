import type { PayloadRequest } from 'payload'

import { NewsletterError } from '../errors'

/**
 * Reads a request body up to `maxBytes`, refusing a larger one before buffering it, whether or not
 * the client declared its length.
 */
export async function readLimitedBody(req: PayloadRequest, maxBytes: number): Promise<string> {
  const tooLarge = () => new NewsletterError('NEWSLETTER_BODY_TOO_LARGE', `The request body is larger than ${maxBytes} bytes; send only the subscription fields.`, 413)
  const declared = Number(req.headers.get('content-length') ?? 0)
  if (declared > maxBytes) throw tooLarge()
  const stream = req.body as ReadableStream<Uint8Array> | null | undefined
  if (!stream) return ''
  const reader = stream.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > maxBytes) {
      await reader.cancel()
      throw tooLarge()
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks).toString('utf8')
}
