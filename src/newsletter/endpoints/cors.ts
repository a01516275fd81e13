/**
 * CORS for the public newsletter endpoints only: downstream sites' forms call them from the
 * browser. An origin listed in `NewsletterOptions.allowedOrigins` may read the answers; any other
 * gets no `Access-Control-Allow-Origin` (Payload still adds its generic Allow-Methods and
 * Allow-Headers to every API answer, which grant nothing alone). No cookies or credentials are
 * involved, so none are allowed.
 */

/** The request headers a subscribe form sends beyond the CORS-safelisted ones. */
const ALLOWED_REQUEST_HEADERS = 'Content-Type, Accept, Accept-Language'
const PREFLIGHT_MAX_AGE_SECONDS = 600

export function allowedOrigin(allowedOrigins: string[], requestHeaders: Headers): string | null {
  const origin = requestHeaders.get('origin')
  return origin && allowedOrigins.includes(origin) ? origin : null
}

/** Adds the CORS headers an allowed origin gets to an endpoint's answer. */
export function withCors(response: Response, allowedOrigins: string[], requestHeaders: Headers): Response {
  // Answers differ by Origin, so shared caches must key on it.
  if (allowedOrigins.length > 0) response.headers.append('Vary', 'Origin')
  const origin = allowedOrigin(allowedOrigins, requestHeaders)
  if (origin) response.headers.set('Access-Control-Allow-Origin', origin)
  return response
}

/** The answer to a preflight (`OPTIONS`) for an endpoint path that takes `methods`. */
export function preflight(methods: string[], allowedOrigins: string[], requestHeaders: Headers): Response {
  const response = new Response(null, { status: 204 })
  if (allowedOrigin(allowedOrigins, requestHeaders)) {
    response.headers.set('Access-Control-Allow-Methods', [...methods.map((method) => method.toUpperCase()), 'OPTIONS'].join(', '))
    response.headers.set('Access-Control-Allow-Headers', ALLOWED_REQUEST_HEADERS)
    response.headers.set('Access-Control-Max-Age', String(PREFLIGHT_MAX_AGE_SECONDS))
  }
  return withCors(response, allowedOrigins, requestHeaders)
}
