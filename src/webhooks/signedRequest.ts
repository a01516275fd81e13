import dns from 'node:dns'
import http from 'node:http'
import https from 'node:https'
import type { LookupFunction } from 'node:net'
import { Webhook } from 'standardwebhooks'

import { isPublicAddress, WebhookAddressError } from './addressPolicy'
import { parseRetryAfter } from './retryPolicy'

export interface SignedRequest {
  url: string
  /** The endpoint's secret, `whsec_…`. */
  secret: string
  /** The event id: the `webhook-id` header, the same in every attempt. */
  eventId: string
  body: string
  timeoutMs: number
  allowPrivate: boolean
}

export interface AttemptResult {
  statusCode: number | null
  durationMs: number
  /** What went wrong when no response came (timeout, refused connection, refused address). */
  error: string | null
  errorCode: string | null
  retryAfterMs: number | null
  /** The start of the response body, for the delivery log. */
  responseExcerpt: string | null
}

const EXCERPT_BYTES = 512

/** Standard Webhooks headers for one attempt; the timestamp is the moment of signing. */
export function signedHeaders(secret: string, eventId: string, body: string, at: Date = new Date()): Record<string, string> {
  return {
    'webhook-id': eventId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(eventId, at, body),
  }
}

/**
 * Resolves the host and refuses private addresses at connection time, so a name that resolves
 * to one (or changes to one after the URL was checked) is caught too.
 */
function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0)
      const list = addresses as dns.LookupAddress[]
      const usable = allowPrivate ? list : list.filter((entry) => isPublicAddress(entry.address))
      if (usable.length === 0) {
        return callback(
          new WebhookAddressError(`${hostname} resolves to a loopback or private address only (${list.map((entry) => entry.address).join(', ')}); the request was not sent.`),
          '',
          0,
        )
      }
      if ((options as dns.LookupOptions).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, usable)
      callback(null, usable[0].address, usable[0].family)
    })
  }
}

/** Sends one signed attempt and reports what happened; it never throws. Redirects are not followed. */
export function sendSigned(request: SignedRequest): Promise<AttemptResult> {
  const started = Date.now()
  const finish = (partial: Partial<AttemptResult>): AttemptResult => ({
    statusCode: null,
    error: null,
    errorCode: null,
    retryAfterMs: null,
    responseExcerpt: null,
    ...partial,
    durationMs: Date.now() - started,
  })
  return new Promise((resolve) => {
    let url: URL
    try {
      url = new URL(request.url)
    } catch {
      resolve(finish({ error: `"${request.url}" is not a valid address.`, errorCode: 'WEBHOOK_URL_INVALID' }))
      return
    }
    const body = Buffer.from(request.body, 'utf8')
    const client = url.protocol === 'https:' ? https : http
    const outgoing = client.request(
      url,
      {
        method: 'POST',
        headers: {
          ...signedHeaders(request.secret, request.eventId, request.body),
          'content-type': 'application/json',
          'content-length': String(body.length),
          'user-agent': 'Vitalpress-Webhooks/1',
        },
        lookup: guardedLookup(request.allowPrivate),
        timeout: request.timeoutMs,
      },
      (response) => {
        const chunks: Buffer[] = []
        let kept = 0
        response.on('data', (chunk: Buffer) => {
          if (kept < EXCERPT_BYTES) {
            chunks.push(chunk)
            kept += chunk.length
          }
        })
        response.on('end', () =>
          resolve(
            finish({
              statusCode: response.statusCode ?? null,
              retryAfterMs: parseRetryAfter(response.headers['retry-after'] as string | undefined),
              responseExcerpt: Buffer.concat(chunks).toString('utf8').slice(0, EXCERPT_BYTES) || null,
            }),
          ),
        )
        response.on('error', (error) => resolve(finish({ statusCode: response.statusCode ?? null, error: error.message, errorCode: 'WEBHOOK_RESPONSE_ABORTED' })))
      },
    )
    outgoing.on('timeout', () => outgoing.destroy(Object.assign(new Error(`No response within ${request.timeoutMs} ms.`), { code: 'WEBHOOK_TIMEOUT' })))
    outgoing.on('error', (error: NodeJS.ErrnoException) =>
      resolve(finish({ error: error.message, errorCode: error instanceof WebhookAddressError ? error.code : (error.code ?? 'WEBHOOK_NETWORK_ERROR') })),
    )
    outgoing.end(body)
  })
}
