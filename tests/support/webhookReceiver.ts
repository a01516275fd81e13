import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { Webhook } from 'standardwebhooks'

export interface ReceivedDelivery {
  /** The `webhook-id` header: the event's id, the same on every attempt. */
  id: string
  body: string
  /** Whether the Standard Webhooks signature checked out with `secret`. */
  verified: boolean
  /** The status the receiver answered with. */
  answered: number
}

/**
 * A downstream site's webhook receiver on 127.0.0.1. It verifies every signature with `secret`
 * and keeps each request. It answers 204, or the `scripted` answers first, and fails
 * `failureRate` of the rest at random (500 or 503); it can be stopped and started again on its port.
 */
export class WebhookReceiver {
  readonly received: ReceivedDelivery[] = []
  readonly scripted: { status: number; headers?: Record<string, string> }[] = []
  failureRate = 0
  secret = ''
  port = 0
  private server = http.createServer((request, response) => this.handle(request, response))

  async start(port = 0): Promise<void> {
    this.server = http.createServer((request, response) => this.handle(request, response))
    await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve))
    this.port = (this.server.address() as AddressInfo).port
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections()
    await new Promise((resolve) => this.server.close(resolve))
  }

  /** The events delivered and verified, parsed, in the order they came. */
  events<Data = Record<string, unknown>>(): { id: string; type: string; verified: boolean; data: Data }[] {
    return this.received.map((request) => {
      const event = JSON.parse(request.body) as { type: string; data: Data }
      return { id: request.id, type: event.type, verified: request.verified, data: event.data }
    })
  }

  private handle(request: http.IncomingMessage, response: http.ServerResponse): void {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      let verified = false
      try {
        new Webhook(this.secret).verify(body, request.headers as Record<string, string>)
        verified = true
      } catch {
        verified = false
      }
      const answer = this.scripted.shift() ?? (Math.random() < this.failureRate ? { status: Math.random() < 0.5 ? 500 : 503 } : { status: 204 })
      this.received.push({ id: String(request.headers['webhook-id']), body, verified, answered: answer.status })
      response.writeHead(answer.status, answer.headers ?? {}).end()
    })
  }
}
