import type { AddressInfo } from 'node:net'
import { simpleParser, type ParsedMail } from 'mailparser'
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server'

/** What the test server does with one message, decided after it has read the message. */
export type SmtpVerdict = { accept: true } | { reply: number; message: string } | { drop: true }

export interface ReceivedMessage {
  /** RCPT TO addresses, lower-cased. */
  recipients: string[]
  raw: Buffer
  parse(): Promise<ParsedMail>
}

export interface TestSmtpServer {
  url: string
  port: number
  /** Messages the server accepted (answered 250), in order. */
  accepted: ReceivedMessage[]
  /** Replies other than 250, and dropped connections, in order. */
  refused: { recipients: string[]; verdict: SmtpVerdict }[]
  /** The accepted messages addressed to `address`, in order. */
  acceptedFor(address: string): ReceivedMessage[]
  /** The same messages, parsed: what the reader at `address` got. */
  mailTo(address: string): Promise<ParsedMail[]>
  /** The most connections open at once since the server started or `resetPeak` was called. */
  peakConnections(): number
  resetPeak(): void
  /** Resolves when at least `count` messages were accepted; rejects after `timeoutMs`. */
  waitForAccepted(count: number, timeoutMs?: number): Promise<ReceivedMessage[]>
  stop(): Promise<void>
}

function readStream(stream: SMTPServerDataStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    stream.on('data', (chunk: Buffer) => chunks.push(chunk))
    stream.on('end', () => resolve(Buffer.concat(chunks)))
    stream.on('error', reject)
  })
}

/** How the server speaks TLS: not at all (the default), from the first byte (`smtps:`), or after STARTTLS. */
export type SmtpTls = 'none' | 'implicit' | 'starttls'

/**
 * A real SMTP server on 127.0.0.1 (the `smtp-server` package), keeping what it accepted. `decide`
 * chooses per message: accept, answer with a code (451, 550, …) or drop the connection. With TLS,
 * the server uses `smtp-server`'s own self-signed certificate.
 */
export async function startSmtpServer(
  decide: (recipients: string[], index: number) => SmtpVerdict = () => ({ accept: true }),
  { tls = 'none' }: { tls?: SmtpTls } = {},
): Promise<TestSmtpServer & { sessions: { secure: boolean }[] }> {
  const sessions: { secure: boolean }[] = []
  const accepted: ReceivedMessage[] = []
  const refused: TestSmtpServer['refused'] = []
  let index = 0
  let open = 0
  let peak = 0
  const waiters: { count: number; resolve: () => void }[] = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: tls === 'starttls' ? ['AUTH'] : ['STARTTLS', 'AUTH'],
    secure: tls === 'implicit',
    logger: false,
    size: 10 * 1024 * 1024,
    onConnect(_session, callback) {
      open += 1
      peak = Math.max(peak, open)
      callback()
    },
    onClose() {
      open -= 1
    },
    onData(stream, session: SMTPServerSession, callback) {
      sessions.push({ secure: session.secure })
      readStream(stream)
        .then((raw) => {
          const recipients = session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase())
          const verdict = decide(recipients, index++)
          if ('drop' in verdict) {
            refused.push({ recipients, verdict })
            // Closing the socket before answering: the client never hears whether the message was taken.
            for (const connection of (server as unknown as { connections: Set<{ id: string; _socket: { destroy(): void } }> }).connections) {
              if (connection.id === session.id) connection._socket.destroy()
            }
            return
          }
          if ('reply' in verdict) {
            refused.push({ recipients, verdict })
            callback(Object.assign(new Error(verdict.message), { responseCode: verdict.reply }))
            return
          }
          accepted.push({ recipients, raw, parse: () => simpleParser(raw) })
          callback(null, 'Ok: queued')
          for (const waiter of [...waiters]) {
            if (accepted.length >= waiter.count) {
              waiters.splice(waiters.indexOf(waiter), 1)
              waiter.resolve()
            }
          }
        })
        .catch((error: Error) => callback(error))
    },
  })
  // A client that dies mid-session (the crash trials kill it) resets its connection: expected, not a failure.
  server.on('error', () => undefined)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.server.address() as AddressInfo).port
  const acceptedFor = (address: string) => accepted.filter((message) => message.recipients.includes(address))
  return {
    url: `${tls === 'implicit' ? 'smtps' : 'smtp'}://127.0.0.1:${port}`,
    port,
    sessions,
    accepted,
    refused,
    acceptedFor,
    mailTo: (address) => Promise.all(acceptedFor(address).map((message) => message.parse())),
    peakConnections: () => peak,
    resetPeak: () => {
      peak = open
    },
    waitForAccepted(count, timeoutMs = 60_000) {
      if (accepted.length >= count) return Promise.resolve(accepted)
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`The SMTP server accepted ${accepted.length} of ${count} messages within ${timeoutMs} ms`)), timeoutMs)
        waiters.push({ count, resolve: () => (clearTimeout(timer), resolve(accepted)) })
      })
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
