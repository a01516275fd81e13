import fs from 'node:fs'
import path from 'node:path'
import nodemailer from 'nodemailer'
import type { Transporter } from 'nodemailer'
import { connectWithoutDelay, smtpPoolOptions } from './smtpPool.mjs'

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

/** The mail transport: a pooled SMTP connection when `SMTP_URL` is set, else the outbox folder. */
export function createMailTransport(options: MailTransportOptions): Transporter {
  if (options.smtpUrl) return nodemailer.createTransport({ ...smtpPoolOptions({ ...options, smtpUrl: options.smtpUrl }), getSocket: connectWithoutDelay })
  return nodemailer.createTransport(outboxTransport(options.outboxDir))
}
