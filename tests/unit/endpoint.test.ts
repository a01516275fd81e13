import { Forbidden, ValidationError, type Endpoint, type PayloadRequest, type TypedUser } from 'payload'

import { DomainError } from '../../src/errors/domainError'
import { defineEndpoint, type WhoMayCall } from '../../src/api/endpoint'

interface LogLine {
  [key: string]: unknown
}

interface Call {
  user?: Partial<TypedUser> | null
  body?: string | ReadableStream<Uint8Array>
  headers?: Record<string, string>
  routeParams?: Record<string, string>
}

/**
 * A request as Payload hands it to an endpoint: the web Request with the caller, the route's
 * parameters and a logger that keeps what it is told.
 */
function requestFor(endpoint: Endpoint, call: Call = {}): { req: PayloadRequest; logged: LogLine[] } {
  const logged: LogLine[] = []
  const streamed = call.body instanceof ReadableStream
  const request = new Request('http://127.0.0.1/api/articles/a1/example', {
    method: endpoint.method.toUpperCase(),
    headers: { ...(typeof call.body === 'string' ? { 'content-length': String(Buffer.byteLength(call.body)) } : {}), ...call.headers },
    body: call.body,
    ...(streamed ? { duplex: 'half' } : {}),
  } as RequestInit)
  const req = Object.assign(request, {
    user: call.user ?? null,
    routeParams: call.routeParams ?? {},
    pathname: '/api/articles/a1/example',
    payload: { logger: { error: (line: LogLine) => logged.push(line) } },
  }) as unknown as PayloadRequest
  return { req, logged }
}

async function answer(endpoint: Endpoint, call: Call = {}): Promise<{ status: number; body: unknown; headers: Headers; logged: LogLine[] }> {
  const { req, logged } = requestFor(endpoint, call)
  const response = await endpoint.handler(req)
  const text = await response.text()
  let body: unknown = text
  try {
    body = JSON.parse(text)
  } catch {
    // a page, kept as text
  }
  return { status: response.status, body, headers: response.headers, logged }
}

const editor = { id: 'u1', email: 'editor@vitalpress.example', roles: ['editor'] } as unknown as TypedUser
const admin = { id: 'u2', email: 'admin@vitalpress.example', roles: ['admin'] } as unknown as TypedUser
const isAdmin = (user: TypedUser) => ((user as { roles?: string[] }).roles ?? []).includes('admin')

const echo = (who: WhoMayCall) => defineEndpoint({ path: '/:id/example', method: 'post', who, handler: async ({ user, param }) => ({ id: param('id'), caller: user?.id ?? null }) })

describe('who may call', () => {
  const signIn = { code: 'EXAMPLE_UNAUTHENTICATED', message: 'Sign in first.' }
  const adminsOnly = { code: 'EXAMPLE_FORBIDDEN', message: 'Only admins may.' }

  it('when anyone may call, then a stranger is answered', async () => {
    const response = await answer(echo('anyone'), { routeParams: { id: 'a1' } })

    expect(response).toMatchObject({ status: 200, body: { id: 'a1', caller: null } })
  })

  it('when a stranger calls an endpoint for signed-in people, then it is refused with 401 and the endpoint’s code', async () => {
    const response = await answer(echo({ unauthenticated: signIn }))

    expect(response).toMatchObject({ status: 401, body: signIn })
  })

  it('when a signed-in person calls an endpoint for signed-in people, then they are answered', async () => {
    const response = await answer(echo({ unauthenticated: signIn }), { user: editor, routeParams: { id: 'a1' } })

    expect(response).toMatchObject({ status: 200, body: { id: 'a1', caller: 'u1' } })
  })

  it('when an editor calls an endpoint for admins, then it is refused with 403 and the endpoint’s code', async () => {
    const response = await answer(echo({ may: isAdmin, unauthenticated: signIn, forbidden: adminsOnly }), { user: editor })

    expect(response).toMatchObject({ status: 403, body: adminsOnly })
  })

  it('when a stranger calls an endpoint for admins that names no sign-in refusal, then it hears the 403', async () => {
    const response = await answer(echo({ may: isAdmin, forbidden: adminsOnly }))

    expect(response).toMatchObject({ status: 403, body: adminsOnly })
  })

  it('when an admin calls an endpoint for admins, then they are answered', async () => {
    const response = await answer(echo({ may: isAdmin, forbidden: adminsOnly }), { user: admin })

    expect(response).toMatchObject({ status: 200, body: { caller: 'u2' } })
  })
})

describe('the body', () => {
  const reading = (body: Parameters<typeof defineEndpoint>[0]['body']) =>
    defineEndpoint({ path: '/example', method: 'post', who: 'anyone', body, handler: async ({ body: read }) => ({ received: (await read()) ?? null }) })
  const streamOf = (text: string, chunkBytes: number) => {
    const bytes = Buffer.from(text)
    let offset = 0
    return new ReadableStream<Uint8Array>({
      pull(controller) {
        if (offset >= bytes.length) return controller.close()
        controller.enqueue(new Uint8Array(bytes.subarray(offset, offset + chunkBytes)))
        offset += chunkBytes
      },
    })
  }

  it('when a JSON body arrives, then the handler gets it parsed', async () => {
    const response = await answer(reading({ as: 'json' }), { body: '{"to": "in_review"}' })

    expect(response).toMatchObject({ status: 200, body: { received: { to: 'in_review' } } })
  })

  it('when the body is empty, then a JSON endpoint reads undefined', async () => {
    const response = await answer(reading({ as: 'json' }), { body: '  ' })

    expect(response).toMatchObject({ status: 200, body: { received: null } })
  })

  it('when a text endpoint is sent a form, then the handler gets the text as it came', async () => {
    const response = await answer(reading({ as: 'text' }), { body: 'language=hi&specialties=oncology' })

    expect(response.body).toEqual({ received: 'language=hi&specialties=oncology' })
  })

  it('when a JSON body does not parse, then it is refused with 400 REQUEST_BODY_MALFORMED naming where it broke', async () => {
    const response = await answer(reading({ as: 'json' }), { body: '{"to": "in_rev' })

    expect(response.status).toBe(400)
    expect(response.body).toEqual({
      code: 'REQUEST_BODY_MALFORMED',
      message: expect.stringMatching(/^The body is not valid JSON \(.+\)\. Send one JSON object with Content-Type: application\/json\.$/),
    })
  })

  it('when an endpoint words its own malformed-body refusal, then that refusal is answered', async () => {
    const endpoint = reading({ as: 'json', malformed: (problem) => new DomainError({ code: 'EXAMPLE_BODY_INVALID', status: 400, message: `Not JSON (${problem}).` }) })

    const response = await answer(endpoint, { body: '[1,' })

    expect(response).toMatchObject({ status: 400, body: { code: 'EXAMPLE_BODY_INVALID', message: expect.stringMatching(/^Not JSON \(.+\)\.$/) } })
  })

  it('when a body declares more than the limit, then it is refused with 413 before it is read', async () => {
    const response = await answer(reading({ as: 'json', limit: 64 }), { body: JSON.stringify({ note: 'x'.repeat(100) }) })

    expect(response).toMatchObject({ status: 413, body: { code: 'REQUEST_BODY_TOO_LARGE', message: expect.stringContaining('larger than 1 KB'), details: { maxBytes: 64 } } })
  })

  it('when a body without a declared length grows past the limit, then it is refused with 413 as soon as it does', async () => {
    const tooLarge = ({ bytes, maxBytes }: { bytes: number; maxBytes: number }) => new DomainError({ code: 'EXAMPLE_TOO_LARGE', status: 413, message: `${bytes} > ${maxBytes}` })

    const response = await answer(reading({ as: 'text', limit: 100, tooLarge }), { body: streamOf('x'.repeat(1000), 40) })

    expect(response).toMatchObject({ status: 413, body: { code: 'EXAMPLE_TOO_LARGE', message: '120 > 100' } })
  })

  it('when the limit depends on the request, then it is read from the request', async () => {
    const endpoint = reading({ as: 'text', limit: (req) => Number(req.headers.get('x-example-limit')) })

    const within = await answer(endpoint, { body: 'x'.repeat(10), headers: { 'x-example-limit': '10' } })
    const over = await answer(endpoint, { body: 'x'.repeat(11), headers: { 'x-example-limit': '10' } })

    expect([within.status, over.status]).toEqual([200, 413])
  })

  it('when no limit is given, then API_MAX_BODY_BYTES holds as for the rest of the API', async () => {
    const previous = process.env.API_MAX_BODY_BYTES
    process.env.API_MAX_BODY_BYTES = '32'
    try {
      const endpoint = reading({ as: 'text' })

      const response = await answer(endpoint, { body: 'x'.repeat(33) })

      expect(response).toMatchObject({ status: 413, body: { code: 'REQUEST_BODY_TOO_LARGE', details: { maxBytes: 32 } } })
    } finally {
      if (previous === undefined) delete process.env.API_MAX_BODY_BYTES
      else process.env.API_MAX_BODY_BYTES = previous
    }
  })

  it('when a handler reads the body twice, then it gets the same body', async () => {
    const endpoint = defineEndpoint({ path: '/example', method: 'post', who: 'anyone', body: { as: 'text' }, handler: async ({ body }) => ({ first: await body(), second: await body() }) })

    const response = await answer(endpoint, { body: 'once' })

    expect(response.body).toEqual({ first: 'once', second: 'once' })
  })
})

describe('answers', () => {
  const throwing = (error: unknown, extra: Partial<Parameters<typeof defineEndpoint>[0]> = {}) =>
    defineEndpoint({
      path: '/example',
      method: 'get',
      who: 'anyone',
      handler: () => {
        throw error
      },
      ...extra,
    })

  it('when the handler answers a Response, then it is sent as it is', async () => {
    const endpoint = defineEndpoint({ path: '/example', method: 'get', who: 'anyone', handler: () => new Response('<xliff/>', { headers: { 'Content-Type': 'application/xliff+xml' } }) })

    const response = await answer(endpoint)

    expect(response.body).toBe('<xliff/>')
    expect(response.headers.get('content-type')).toBe('application/xliff+xml')
  })

  it('when a domain error is thrown, then it is answered with its status as code, message and details', async () => {
    const response = await answer(throwing(new DomainError({ code: 'EXAMPLE_STALE', status: 409, message: 'Submit again.', details: { currentState: 'approved' } })))

    expect(response).toMatchObject({ status: 409, body: { code: 'EXAMPLE_STALE', message: 'Submit again.', details: { currentState: 'approved' } } })
  })

  it('when Payload refuses a write inside the handler, then its refusal is answered in the same shape with a code', async () => {
    const forbidden = await answer(throwing(new Forbidden()))
    const invalid = await answer(throwing(new ValidationError({ collection: 'articles', errors: [{ path: 'slug', message: 'Taken.' }] })))

    expect(forbidden).toMatchObject({ status: 403, body: { code: 'FORBIDDEN', message: expect.any(String) } })
    expect(invalid).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', details: { errors: [{ path: 'slug', message: 'Taken.' }] } } })
  })

  it('when something unexpected fails, then the caller gets 500 SERVER_ERROR without internals and the log gets the error', async () => {
    const failure = new Error('connection reset by the database at 10.0.0.5')

    const response = await answer(throwing(failure))

    expect(response.status).toBe(500)
    expect(response.body).toEqual({ code: 'SERVER_ERROR', message: expect.stringContaining('Try again') })
    expect(JSON.stringify(response.body)).not.toContain('10.0.0.5')
    expect(response.logged).toEqual([expect.objectContaining({ event: 'endpoint.failed', code: 'SERVER_ERROR', method: 'GET', path: '/api/articles/a1/example', err: failure })])
  })

  it('when an endpoint answers refusals as pages, then a refusal is the page and other answers stay JSON', async () => {
    const refusalPage = (error: DomainError) => new Response(`<h1>${error.code}</h1>`, { status: error.status, headers: { 'Content-Type': 'text/html' } })

    const refused = await answer(throwing(new DomainError({ code: 'EXAMPLE_LINK_EXPIRED', status: 410, message: 'Ask again.' }), { refusalPage }))
    const failed = await answer(throwing(new Error('boom'), { refusalPage }))

    expect(refused).toMatchObject({ status: 410, body: '<h1>EXAMPLE_LINK_EXPIRED</h1>' })
    expect(failed).toMatchObject({ status: 500, body: { code: 'SERVER_ERROR' } })
  })

  it('when an endpoint adds headers to every answer, then refusals get them too', async () => {
    const everyAnswer = (response: Response) => {
      response.headers.set('Access-Control-Allow-Origin', 'https://health.example')
      return response
    }

    const accepted = await answer(defineEndpoint({ path: '/example', method: 'get', who: 'anyone', handler: () => ({ ok: true }), everyAnswer }))
    const refused = await answer(throwing(new DomainError({ code: 'EXAMPLE_REFUSED', status: 400, message: 'No.' }), { everyAnswer }))

    expect([accepted.headers.get('access-control-allow-origin'), refused.headers.get('access-control-allow-origin')]).toEqual(['https://health.example', 'https://health.example'])
  })
})
