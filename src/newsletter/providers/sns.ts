import https from 'node:https'

import MessageValidator from 'sns-validator'

/** The kinds of message SNS posts to an HTTPS subscription. */
export const SNS_MESSAGE_TYPES = ['Notification', 'SubscriptionConfirmation', 'UnsubscribeConfirmation'] as const
export type SnsMessageType = (typeof SNS_MESSAGE_TYPES)[number]

/** One SNS HTTP message, as SNS documents its JSON body. */
export interface SnsMessage {
  Type: SnsMessageType
  MessageId: string
  TopicArn: string
  Message: string
  Timestamp: string
  SignatureVersion: string
  Signature: string
  SigningCertURL: string
  Subject?: string
  /** Subscription confirmations only: the link that confirms the subscription. */
  SubscribeURL?: string
  Token?: string
}

const ALWAYS: Array<keyof SnsMessage> = ['MessageId', 'TopicArn', 'Message', 'Timestamp', 'SignatureVersion', 'Signature', 'SigningCertURL']
const FOR_SUBSCRIPTIONS: Array<keyof SnsMessage> = ['SubscribeURL', 'Token']

/** Reads an SNS HTTP message's envelope, or says what is wrong with it. The signature is not checked here. */
export function readSnsMessage(body: unknown): { message: SnsMessage } | { problem: string } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { problem: 'The body is not a JSON object.' }
  const record = body as Record<string, unknown>
  if (!(SNS_MESSAGE_TYPES as readonly unknown[]).includes(record.Type)) {
    return { problem: `"Type" is ${JSON.stringify(record.Type ?? null)}; an SNS message is one of ${SNS_MESSAGE_TYPES.join(', ')}.` }
  }
  const required = record.Type === 'Notification' ? ALWAYS : [...ALWAYS, ...FOR_SUBSCRIPTIONS]
  const missing = required.filter((key) => typeof record[key] !== 'string' || record[key] === '')
  if (missing.length > 0) return { problem: `The SNS message has no ${missing.map((key) => `"${key}"`).join(', ')}.` }
  return { message: record as unknown as SnsMessage }
}

/** What the SES endpoint needs of SNS: its signature checked, and a subscription confirmed. */
export interface SnsGateway {
  /** Resolves when the message carries a valid SNS signature; rejects, saying why, otherwise. */
  verify(message: SnsMessage): Promise<void>
  /** Confirms a subscription by fetching its `SubscribeURL`. */
  confirmSubscription(subscribeUrl: string): Promise<void>
}

/**
 * The host names allowed (`sns.*.amazonaws.com`, `*` one label, maybe with a port) as one pattern,
 * matched against a URL's host (with its port, as `sns-validator` reads it).
 */
export function certificateHostPattern(hosts: readonly string[]): RegExp {
  const one = (host: string) => host.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[a-z0-9-]+')
  return new RegExp(`^(${hosts.map(one).join('|')})$`, 'i')
}

/**
 * Refuses an address SNS itself would not give: not HTTPS, carrying credentials, or on a host not
 * allowed. The fetch reads the address as WHATWG URLs do, so it is checked the same way here, on
 * top of the validator's own check of the certificate's address.
 */
function allowedAddress(address: string, hostPattern: RegExp, field: 'SigningCertURL' | 'SubscribeURL'): URL {
  let url: URL
  try {
    url = new URL(address)
  } catch {
    throw new Error(`The ${field} is not an address.`)
  }
  if (url.protocol !== 'https:' || url.username || url.password || !hostPattern.test(url.host)) {
    throw new Error(`The ${field} is not on an SNS host (NEWSLETTER_SES_CERTIFICATE_HOSTS).`)
  }
  return url
}

export interface SnsGatewayOptions {
  /** Hosts the signing certificate and the subscription link may come from. */
  certificateHosts: readonly string[]
  /** Longest wait for the signing certificate, and for SNS's answer to the confirmation request. */
  timeoutMs: number
}

/**
 * SNS over HTTPS. The signature is checked by `sns-validator` (the canonical string of SignatureVersion 1
 * and 2, the certificate fetched over HTTPS from an allowed host and kept for the process); the
 * confirmation link is fetched only from an allowed host too, so a message cannot make the server
 * call anywhere else.
 */
export function httpsSnsGateway({ certificateHosts, timeoutMs }: SnsGatewayOptions): SnsGateway {
  const hostPattern = certificateHostPattern(certificateHosts)
  const validator = new MessageValidator(hostPattern)
  return {
    verify: (message) =>
      new Promise((resolve, reject) => {
        allowedAddress(message.SigningCertURL, hostPattern, 'SigningCertURL')
        // The validator sets no time limit on fetching the certificate.
        const timer = setTimeout(() => reject(new Error(`The signing certificate did not arrive within ${timeoutMs} ms.`)), timeoutMs)
        validator.validate({ ...message } as unknown as Record<string, unknown>, (error) => {
          clearTimeout(timer)
          if (error) reject(error)
          else resolve()
        })
      }),
    confirmSubscription: (subscribeUrl) =>
      new Promise((resolve, reject) => {
        const url = allowedAddress(subscribeUrl, hostPattern, 'SubscribeURL')
        const request = https.get(url, { timeout: timeoutMs }, (response) => {
          response.resume()
          response.on('end', () => (response.statusCode === 200 ? resolve() : reject(new Error(`SNS answered the confirmation with ${response.statusCode}.`))))
        })
        request.on('timeout', () => request.destroy(new Error(`SNS did not answer the confirmation within ${timeoutMs} ms.`)))
        request.on('error', reject)
      }),
  }
}
