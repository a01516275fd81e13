import type { AfterErrorHook } from 'payload'

import type { DomainError } from '../errors/domainError'
import { isOverflow, jsonProblem, readBodyWithin, RequestBodyMalformedError, RequestBodyTooLargeError, type RequestBodyLimits } from '../api/requestBody'
import { readEnvironment, type VariableSource } from '../environment/readEnvironment'

/** The limits from `API_MAX_BODY_BYTES` and `MEDIA_MAX_BYTES`. */
export function requestBodyLimitsFromEnv(env: VariableSource = process.env): RequestBodyLimits {
  return {
    ...readEnvironment(env).security.requestBodies,
    selfLimited: [/^\/api\/articles\/[^/]+\/xliff$/],
  }
}

/**
 * A refused body in the shape Payload's own errors have as well (`errors[]`), since the guard
 * answers for Payload's routes too, with the one shape's `code` and `message` beside it.
 */
function refusal(error: DomainError): Response {
  return Response.json({ code: error.code, message: error.message, ...error.details, errors: [{ message: error.message, data: { code: error.code, ...error.details } }] }, { status: error.status })
}

function limitFor(request: Request, limits: RequestBodyLimits): number {
  return (request.headers.get('content-type') ?? '').toLowerCase().startsWith('multipart/') ? limits.maxUploadBytes : limits.maxBytes
}

const isJson = (request: Request) => (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase() === 'application/json'

/**
 * Set by the guard on a JSON body it found malformed (and removed from every incoming request), so
 * the error hook can tell Payload's parse failure from any other 400 of the same request.
 */
const MALFORMED_JSON_HEADER = 'x-vitalpress-malformed-json'

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
    const body = await readBodyWithin(request.body, request.headers, limit)
    if (isOverflow(body)) return refusal(new RequestBodyTooLargeError({ maxBytes: limit }))
    // Payload reads a GET-override body as JSON outside its own error handling; GraphQL bodies are always JSON.
    const jsonRequired = options.jsonOnly || (request.headers.get('x-payload-http-method-override') ?? request.headers.get('x-http-method-override')) === 'GET'
    const problem = isJson(request) ? jsonProblem(body.toString('utf8')) : null
    if (problem && jsonRequired) return refusal(new RequestBodyMalformedError({ problem }))
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
  let message: string | undefined
  if (req.headers?.get(MALFORMED_JSON_HEADER) === 'true' && req.data === undefined && status === 400) {
    message = new RequestBodyMalformedError({}).message
  } else if (contentType.startsWith('multipart/') && req.data === undefined && error instanceof SyntaxError) {
    message = 'The upload\'s "_payload" field is not valid JSON. Send the document\'s fields as one JSON object in "_payload".'
  } else if (contentType.startsWith('multipart/') && req.data === undefined && req.files === undefined && (status === undefined || status === 500)) {
    // Clients send an upload's fields as `_payload`; with neither fields nor files attached, the request failed while its body was split.
    message = 'The upload is not a well-formed multipart form (a part header or boundary is broken). Send the file and a "_payload" field as multipart/form-data.'
  }
  if (!message) return
  const refused = new RequestBodyMalformedError({ message })
  return { status: refused.status, response: { code: refused.code, message, errors: [{ message, data: { code: refused.code } }] } }
}
