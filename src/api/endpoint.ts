import { APIError, Forbidden, NotFound, ValidationError, type Endpoint, type PayloadRequest, type TypedUser } from 'payload'

import { DomainError, errorAnswer, type ErrorAnswer } from '../errors/domainError'
import { readEnvironment } from '../environment/readEnvironment'
import { isOverflow, readBodyWithin, RequestBodyMalformedError, RequestBodyTooLargeError } from './requestBody'

/** The code and message of a caller's refusal. */
export interface Refusal {
  code: string
  message: string
}

/**
 * Who may call an endpoint: `'anyone'` (the endpoint decides itself, as public forms do), or
 * people signed in, all of them or those `may` admits. A caller who is not signed in hears
 * `unauthenticated` (401); without it, the `forbidden` answer (403), so an endpoint for admins
 * only need not tell strangers that signing in would help.
 */
export type WhoMayCall =
  | 'anyone'
  | { unauthenticated: Refusal; may?: undefined; forbidden?: undefined }
  | { may: (user: TypedUser) => boolean; forbidden: Refusal; unauthenticated?: Refusal }

export class CallerRefusedError extends DomainError {
  constructor({ refusal, status }: { refusal: Refusal; status: 401 | 403 }) {
    super({ code: refusal.code, status, message: refusal.message })
  }
}

type BodyKind = 'json' | 'text'

export interface BodyRule<Kind extends BodyKind> {
  /** JSON (`undefined` for an empty body) or text, such as a form or an XLIFF file. */
  as: Kind
  /** The most the body may hold, in bytes; `API_MAX_BODY_BYTES` when left out. */
  limit?: number | ((req: PayloadRequest) => number)
  /** The refusal of a body over the limit; `REQUEST_BODY_TOO_LARGE` when left out. `bytes` were declared or had arrived when reading stopped. */
  tooLarge?: (overflow: { bytes: number; maxBytes: number }) => DomainError
  /** The refusal of a JSON body that does not parse, given the parser's words; `REQUEST_BODY_MALFORMED` when left out. */
  malformed?: (problem: string) => DomainError
}

type CallerOf<Who extends WhoMayCall> = Who extends 'anyone' ? TypedUser | null : TypedUser
type BodyOf<Kind extends BodyKind> = Kind extends 'text' ? string : unknown

export interface EndpointCall<Who extends WhoMayCall, Kind extends BodyKind> {
  req: PayloadRequest
  /** The caller, signed in whenever the endpoint's `who` asks for it. */
  user: CallerOf<Who>
  /**
   * Reads the body by the endpoint's rule (once). It is read when the handler asks, so checks that
   * cost less than reading a body, such as a rate limit, can refuse a request first.
   */
  body: () => Promise<BodyOf<Kind>>
  /** A route parameter (`:id`) as text; empty when absent. */
  param: (name: string) => string
}

export interface EndpointDefinition<Who extends WhoMayCall, Kind extends BodyKind> {
  path: string
  method: Endpoint['method']
  who: Who
  body?: BodyRule<Kind>
  /** Answers a `Response` as it is and anything else as JSON with 200; a `DomainError` it throws is answered in the one error shape. */
  handler: (call: EndpointCall<Who, Kind>) => Promise<unknown> | unknown
  /** The page a person who followed a link sees for a refusal, instead of JSON; undefined keeps the JSON answer. */
  refusalPage?: (error: DomainError, req: PayloadRequest) => Response | undefined
  /** Applied to every answer, refusals and failures included, such as the CORS headers of public endpoints. */
  everyAnswer?: (response: Response, req: PayloadRequest) => Response
}

/** The answer to an error nothing explains: no internals reach the caller, the log has them. */
const SERVER_FAILURE: ErrorAnswer = {
  code: 'SERVER_ERROR',
  message: 'The server could not answer this request. Try again in a moment; if it keeps failing, tell an admin the time it happened.',
}

/** Payload's own refusals (from a Local API call inside a handler) in the one shape, with a code where Payload gives none. */
function payloadRefusal(error: APIError): ErrorAnswer {
  const { code, ...details } = (error.data ?? {}) as Record<string, unknown>
  const fallback = error instanceof Forbidden ? 'FORBIDDEN' : error instanceof NotFound ? 'NOT_FOUND' : error instanceof ValidationError ? 'VALIDATION_FAILED' : 'REQUEST_REFUSED'
  return errorAnswer({ code: typeof code === 'string' ? code : fallback, message: error.message, details })
}

function answerTo(error: unknown, req: PayloadRequest, refusalPage: EndpointDefinition<WhoMayCall, BodyKind>['refusalPage']): Response {
  if (error instanceof DomainError) return refusalPage?.(error, req) ?? Response.json(errorAnswer(error), { status: error.status })
  if (error instanceof APIError && error.status < 500) return Response.json(payloadRefusal(error), { status: error.status })
  req.payload.logger.error({ event: 'endpoint.failed', code: SERVER_FAILURE.code, method: req.method, path: req.pathname, err: error, msg: `${req.method} ${req.pathname} failed` })
  return Response.json(SERVER_FAILURE, { status: 500 })
}

function admit(who: WhoMayCall, user: TypedUser | null): void {
  if (who === 'anyone') return
  if (!user) {
    if (who.unauthenticated) throw new CallerRefusedError({ refusal: who.unauthenticated, status: 401 })
    // WhoMayCall requires `forbidden` wherever `unauthenticated` is left out.
    throw new CallerRefusedError({ refusal: who.forbidden as Refusal, status: 403 })
  }
  if (who.may && !who.may(user)) throw new CallerRefusedError({ refusal: who.forbidden, status: 403 })
}

function bodyReader<Kind extends BodyKind>(req: PayloadRequest, rule: BodyRule<Kind>, defaultLimit: number): () => Promise<BodyOf<Kind>> {
  let read: Promise<BodyOf<Kind>> | undefined
  const readOnce = async (): Promise<BodyOf<Kind>> => {
    const maxBytes = typeof rule.limit === 'function' ? rule.limit(req) : (rule.limit ?? defaultLimit)
    const body = await readBodyWithin(req.body as ReadableStream<Uint8Array> | null | undefined, req.headers, maxBytes)
    if (isOverflow(body)) throw rule.tooLarge?.({ bytes: body.bytes, maxBytes }) ?? new RequestBodyTooLargeError({ maxBytes })
    const text = body.toString('utf8')
    if (rule.as === 'text') return text as BodyOf<Kind>
    if (text.trim() === '') return undefined as BodyOf<Kind>
    try {
      return JSON.parse(text)
    } catch (error) {
      const problem = (error as Error).message
      throw rule.malformed?.(problem) ?? new RequestBodyMalformedError({ problem })
    }
  }
  return () => (read ??= readOnce())
}

/**
 * A custom endpoint with the plumbing every one of them needs: who may call (401/403 with a
 * code), the body read within its limit and parsed, and every error answered in one shape
 * `{ code, message, details? }`: a `DomainError` with its status, Payload's refusals with theirs,
 * anything else as 500 `SERVER_ERROR`, logged with the request.
 */
export function defineEndpoint<const Who extends WhoMayCall, Kind extends BodyKind = 'json'>(definition: EndpointDefinition<Who, Kind>): Endpoint {
  const bodyRule: BodyRule<Kind> = definition.body ?? ({ as: 'json' } as BodyRule<Kind>)
  // Read once, as the API's own guard does: the same limits hold in every process of a deployment.
  const defaultLimit = readEnvironment().security.requestBodies.maxBytes
  const everyAnswer = definition.everyAnswer ?? ((response: Response) => response)
  return {
    path: definition.path,
    method: definition.method,
    handler: async (req) => {
      try {
        admit(definition.who, req.user)
        const result = await definition.handler({
          req,
          user: req.user as CallerOf<Who>,
          body: bodyReader(req, bodyRule, defaultLimit),
          param: (name) => String(req.routeParams?.[name] ?? ''),
        })
        return everyAnswer(result instanceof Response ? result : Response.json(result), req)
      } catch (error) {
        return everyAnswer(answerTo(error, req, definition.refusalPage), req)
      }
    },
  }
}
