import type { AfterErrorHook } from 'payload'

import { readEnvironment, type VariableSource } from '../environment/readEnvironment'

export interface RequestBodyLimits {
  /** The largest body an API request may send (JSON, GraphQL, form fields), in bytes. */
  maxBytes: number
  /** The largest multipart body (an image upload with its fields), in bytes. */
  maxUploadBytes: number
  /** Routes that read and limit their bodies themselves, as a stream (the XLIFF import, 5 MB): passed through unread. */
  selfLimited: RegExp[]
}

const MB = 1024 * 1024

/** The limits from `API_MAX_BODY_BYTES` and `MEDIA_MAX_BYTES`. */
export function requestBodyLimitsFromEnv(env: VariableSource = process.env): RequestBodyLimits {
  return {
    ...readEnvironment(env).security.requestBodies,
    selfLimited: [/^\/api\/articles\/[^/]+\/xliff$/],
  }
}

/** The stable code and message of a refused body, in the shape Payload's own errors have as well. */
function refusal(status: 400 | 413, code: string, message: string, extra: Record<string, unknown> = {}): Response {
  return Response.json({ code, message, ...extra, errors: [{ message, data: { code, ...extra } }] }, { status })
}

const describeBytes = (bytes: number) => (bytes >= MB ? `${(bytes / MB).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`)

function tooLarge(limit: number): Response {
  return refusal(413, 'REQUEST_BODY_TOO_LARGE', `The request body is larger than ${describeBytes(limit)}, the most this server reads. Send less: one document per request, images within the upload limit.`, {
    maxBytes: limit,
  })
}

function limitFor(request: Request, limits: RequestBodyLimits): number {
  return (request.headers.get('content-type') ?? '').toLowerCase().startsWith('multipart/') ? limits.maxUploadBytes : limits.maxBytes
}

/**
 * How much of a refused body is read and thrown away before answering. A client still sending when
 * the server answers and closes sees its connection reset instead of the 413; reading the rest of
 * a moderately large body lets it hear the answer, while a larger one is cut off.
 */
const DISCARD_MAX_BYTES = 16 * MB

async function discard(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  let discarded = 0
  while (discarded <= DISCARD_MAX_BYTES) {
    const { done, value } = await reader.read()
    if (done) return
    discarded += value.byteLength
  }
  reader.releaseLock()
}

/** Reads the body, keeping nothing once it passes `limit`; null when it did. */
async function readWithin(request: Request, limit: number): Promise<Buffer | null> {
  if (!request.body) return Buffer.alloc(0)
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let received = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    received += value.byteLength
    if (received > limit) {
      await discard(reader)
      return null
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks)
}

const isJson = (request: Request) => (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase() === 'application/json'

function jsonProblem(body: Buffer): string | null {
  try {
    JSON.parse(body.toString('utf8'))
    return null
  } catch (error) {
    return (error as Error).message
  }
}

/**
 * Set by the guard on a JSON body it found malformed (and removed from every incoming request), so
 * the error hook can tell Payload's parse failure from any other 400 of the same request.
 */
const MALFORMED_JSON_HEADER = 'x-vitalpress-malformed-json'

function malformedJson(problem: string): Response {
  return refusal(400, 'REQUEST_BODY_MALFORMED', `The body is not valid JSON (${problem}). Send one JSON object with Content-Type: application/json.`)
}

type RouteHandler<Context> = (request: Request, context: Context) => Promise<Response> | Response

export interface BodyGuardOptions {
  limits: RequestBodyLimits
  /** Every body of this route is JSON (GraphQL): refuse one that is not, before the handler reads it. */
  jsonOnly?: boolean
}

/**
 * Wraps a Next.js route handler of the API so that no body larger than its limit is read into
 * memory: a declared length over the limit is refused unread, and a body that turns out longer is
 * cut off as soon as it passes the limit. Both answer 413 with `REQUEST_BODY_TOO_LARGE`. A JSON
 * body that does not parse is refused here where the route takes nothing else (GraphQL), and
 * marked for `explainMalformedBody` elsewhere, since custom endpoints answer it in their own words.
 */
export function withRequestBodyLimit<Context>(handler: RouteHandler<Context>, options: BodyGuardOptions): RouteHandler<Context> {
  return async (request, context) => {
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS' || !request.body) return handler(request, context)
    if (options.limits.selfLimited.some((route) => route.test(new URL(request.url).pathname))) return handler(request, context)
    const limit = limitFor(request, options.limits)
    const declared = Number(request.headers.get('content-length') ?? NaN)
    if (Number.isFinite(declared) && declared > limit) {
      if (declared <= DISCARD_MAX_BYTES) await discard(request.body.getReader())
      return tooLarge(limit)
    }
    const body = await readWithin(request, limit)
    if (body === null) return tooLarge(limit)
    // Payload reads a GET-override body as JSON outside its own error handling; GraphQL bodies are always JSON.
    const jsonRequired = options.jsonOnly || (request.headers.get('x-payload-http-method-override') ?? request.headers.get('x-http-method-override')) === 'GET'
    const problem = isJson(request) ? jsonProblem(body) : null
    if (problem && jsonRequired) return malformedJson(problem)
    const headers = new Headers(request.headers)
    headers.delete(MALFORMED_JSON_HEADER)
    if (problem) headers.set(MALFORMED_JSON_HEADER, 'true')
    headers.set('content-length', String(body.byteLength))
    headers.delete('transfer-encoding')
    return handler(new Request(request.url, { method: request.method, headers, body: new Uint8Array(body), signal: request.signal }), context)
  }
}

/**
 * Payload answers a JSON body it cannot parse with a bare "unknown error", and a malformed
 * `_payload` field of an upload or a multipart body it cannot split into parts with a 500. This turns each into a 400 that says what is wrong. A body Payload could not parse is one
 * it never attached to the request: `req.data` (and, for a multipart body, `req.files`) is unset.
 */
export const explainMalformedBody: AfterErrorHook = ({ error, req }) => {
  const contentType = (req.headers?.get('content-type') ?? '').toLowerCase()
  const status = (error as { status?: number }).status
  let message: string | null = null
  if (req.headers?.get(MALFORMED_JSON_HEADER) === 'true' && req.data === undefined && status === 400) {
    message = 'The body is not valid JSON. Send one JSON object with Content-Type: application/json.'
  } else if (contentType.startsWith('multipart/') && req.data === undefined && error instanceof SyntaxError) {
    message = 'The upload\'s "_payload" field is not valid JSON. Send the document\'s fields as one JSON object in "_payload".'
  } else if (contentType.startsWith('multipart/') && req.data === undefined && req.files === undefined && (status === undefined || status === 500)) {
    // Clients send an upload's fields as `_payload`; with neither fields nor files attached, the request failed while its body was split.
    message = 'The upload is not a well-formed multipart form (a part header or boundary is broken). Send the file and a "_payload" field as multipart/form-data.'
  }
  if (!message) return
  return { status: 400, response: { code: 'REQUEST_BODY_MALFORMED', message, errors: [{ message, data: { code: 'REQUEST_BODY_MALFORMED' } }] } }
}
