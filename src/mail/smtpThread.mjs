/*
 * The SMTP pool in a thread of its own (`SmtpThreadMailer` starts it): it builds each message's
 * MIME, encodes it and speaks SMTP, while the thread that started it writes the ledger. Messages
 * arrive as `{ id, mail }` (nodemailer's message options); each is answered with
 * `{ id, response, rejected }` or `{ id, error }` (the client's code, reply code and reply).
 * `{ close: true }` closes the pool's connections and ends the thread.
 */
import { parentPort, workerData } from 'node:worker_threads'
import nodemailer from 'nodemailer'

import { connectWithoutDelay } from './smtpPool.mjs'

const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort)
const transport = nodemailer.createTransport({ ...workerData.pool, getSocket: connectWithoutDelay })

port.on('message', (message) => {
  if (message.close) {
    transport.close()
    port.close()
    return
  }
  const { id, mail } = message
  transport.sendMail(mail).then(
    (info) => port.postMessage({ id, response: String(info.response ?? ''), rejected: (info.rejected ?? []).map(String) }),
    (error) => port.postMessage({ id, error: { message: String(error?.message ?? error), code: error?.code, responseCode: error?.responseCode, response: error?.response } }),
  )
})
