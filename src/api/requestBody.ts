import { DomainError } from '../errors/domainError'

export interface RequestBodyLimits {
  /** The largest body an API request may send (JSON, GraphQL, form fields), in bytes. */
  maxBytes: number
  /** The largest multipart body (an image upload with its fields), in bytes. */
  maxUploadBytes: number
  /** Routes that read and limit their bodies themselves, as a stream (the XLIFF import, 5 MB): passed through unread. */
  selfLimited: RegExp[]
}

export const MB = 1024 * 1024

const describeBytes = (bytes: number) => (bytes >= MB ? `${(bytes / MB).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`)

export class RequestBodyTooLargeError extends DomainError<'REQUEST_BODY_TOO_LARGE'> {
  constructor({ maxBytes }: { maxBytes: number }) {
    super({
      code: 'REQUEST_BODY_TOO_LARGE',
      status: 413,
      message: `The request body is larger than ${describeBytes(maxBytes)}, the most this server reads. Send less: one document per request, images within the upload limit.`,
      details: { maxBytes },
    })
  }
}

export class RequestBodyMalformedError extends DomainError<'REQUEST_BODY_MALFORMED'> {
  /** `problem` is the parser's own words, when there is a parser to ask (a custom endpoint, GraphQL). */
  constructor({ problem, message }: { problem?: string; message?: string }) {
    super({
      code: 'REQUEST_BODY_MALFORMED',
      status: 400,
      message: message ?? `The body is not valid JSON${problem ? ` (${problem})` : ''}. Send one JSON object with Content-Type: application/json.`,
    })
  }
}

/**
 * How much of a refused body is read and thrown away before answering. A client still sending when
 * the server answers and closes sees its connection reset instead of the 413; reading the rest of
 * a moderately large body lets it hear the answer, while a larger one is cut off.
 */
export const DISCARD_MAX_BYTES = 16 * MB

export async function discardBody(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  let discarded = 0
  while (discarded <= DISCARD_MAX_BYTES) {
    const { done, value } = await reader.read()
    if (done) return
    discarded += value.byteLength
  }
  reader.releaseLock()
}

/** A body that passed its limit: how many bytes were declared or had arrived when reading stopped. */
export interface Overflow {
  bytes: number
}

/**
 * Reads a body, refusing it unread when its declared length passes `maxBytes` and keeping nothing
 * once more than that arrives, so an oversized body never fills memory. The one reader of request
 * bodies: the API's guard and every custom endpoint read through it.
 */
export async function readBodyWithin(body: ReadableStream<Uint8Array> | null | undefined, headers: Headers, maxBytes: number): Promise<Buffer | Overflow> {
  const declared = Number(headers.get('content-length') ?? NaN)
  if (Number.isFinite(declared) && declared > maxBytes) {
    if (body && declared <= DISCARD_MAX_BYTES) await discardBody(body.getReader())
    return { bytes: declared }
  }
  if (!body) return Buffer.alloc(0)
  const reader = body.getReader()
  const chunks: Uint8Array[] = []
  let received = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    received += value.byteLength
    if (received > maxBytes) {
      await discardBody(reader)
      return { bytes: received }
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks)
}

export const isOverflow = (read: Buffer | Overflow): read is Overflow => !Buffer.isBuffer(read)

/** The parser's complaint about a JSON text, or null when it parses. */
export function jsonProblem(text: string): string | null {
  try {
    JSON.parse(text)
    return null
  } catch (error) {
    return (error as Error).message
  }
}
