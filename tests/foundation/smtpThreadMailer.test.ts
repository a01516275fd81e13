import net from 'node:net'
import type { ParsedMail } from 'mailparser'

import { MailFailure, type OutgoingEmail } from '../../src/mail/mailer'
import { SmtpThreadMailer } from '../../src/mail/smtpThreadMailer'
import { startSmtpServer, type SmtpTls } from '../support/smtpServer'

const update = (to: string, index: number): OutgoingEmail => ({
  to,
  from: { address: 'updates@library.test', name: 'Vitalpress health library' },
  subject: `हड्डी मेटास्टेसिस: update ${index}`,
  html: `<p>दर्द से राहत, part ${index}.</p>`.repeat(200),
  text: `दर्द से राहत, part ${index}.`.repeat(200),
  messageId: `<delivery-${index}.send-1@library.test>`,
  headers: { 'List-Unsubscribe': `<https://library.test/u?token=${index}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click', 'Content-Language': 'hi' },
})

const header = (mail: ParsedMail, name: string) => (mail.headerLines.find((line) => line.key === name)?.line ?? '').replace(/^[^:]+:\s*/, '')

/** A TCP server that takes connections and never says a word: an SMTP server that hangs. */
async function silentServer(): Promise<{ port: number; stop(): Promise<void> }> {
  const sockets = new Set<net.Socket>()
  const server = net.createServer((socket) => sockets.add(socket))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.address() as net.AddressInfo).port,
    stop: () => {
      for (const socket of sockets) socket.destroy()
      return new Promise((resolve) => server.close(() => resolve()))
    },
  }
}

describe('the SMTP pool in a thread of its own', () => {
  it.each<[SmtpTls, string, boolean]>([
    ['none', '?ignoreTLS=true', false],
    ['implicit', '?tlsRejectUnauthorized=false', true],
    ['starttls', '?tlsRejectUnauthorized=false', true],
  ])('when the server speaks TLS %s, then every message of a burst arrives whole, with its own Message-ID and list headers', async (tls, query, encrypted) => {
    const server = await startSmtpServer(undefined, { tls })
    const mailer = new SmtpThreadMailer({ smtpUrl: `${server.url}${query}`, maxConnections: 3, rateLimit: 0 }, 10_000)
    try {
      const readers = Array.from({ length: 12 }, (_, index) => `reader${index}@library.test`)
      const answers = await Promise.all(readers.map((to, index) => mailer.send(update(to, index))))

      expect(answers.map((answer) => answer.messageId)).toEqual(readers.map((_, index) => `<delivery-${index}.send-1@library.test>`))
      expect(answers.every((answer) => /^250\b/.test(answer.response))).toBe(true)
      for (const [index, reader] of readers.entries()) {
        const [mail] = await server.mailTo(reader)
        expect(mail.subject).toBe(`हड्डी मेटास्टेसिस: update ${index}`)
        expect(mail.text?.trim()).toBe(`दर्द से राहत, part ${index}.`.repeat(200))
        expect(mail.messageId).toBe(`<delivery-${index}.send-1@library.test>`)
        expect(header(mail, 'list-unsubscribe')).toBe(`<https://library.test/u?token=${index}>`)
        expect(header(mail, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click')
        expect(header(mail, 'content-language')).toBe('hi')
      }
      expect(server.sessions.every((session) => session.secure === encrypted)).toBe(true)
      expect(server.peakConnections()).toBeLessThanOrEqual(3)
    } finally {
      mailer.close()
      await server.stop()
    }
  })

  it('when the server refuses, throttles or bounces a message, then each answer is classified as the in-process pool classifies it', async () => {
    const server = await startSmtpServer((recipients) => {
      if (recipients[0].startsWith('gone')) return { reply: 550, message: '5.1.1 No such mailbox' }
      if (recipients[0].startsWith('busy')) return { reply: 421, message: '4.7.0 Too many messages, slow down' }
      if (recipients[0].startsWith('later')) return { reply: 450, message: '4.2.0 Mailbox unavailable, try later' }
      return { accept: true }
    })
    const mailer = new SmtpThreadMailer({ smtpUrl: `${server.url}?ignoreTLS=true`, maxConnections: 2, rateLimit: 0 }, 10_000)
    try {
      const outcome = async (to: string) => mailer.send(update(to, 1)).then(() => 'accepted', (error: unknown) => error)
      const gone = await outcome('gone@library.test')
      expect(gone).toBeInstanceOf(MailFailure)
      expect(gone).toMatchObject({ kind: 'permanent', hardBounce: true, responseCode: 550, code: 'MAIL_HARD_BOUNCE' })
      expect(await outcome('busy@library.test')).toMatchObject({ kind: 'temporary', throttled: true, responseCode: 421 })
      expect(await outcome('later@library.test')).toMatchObject({ kind: 'temporary', throttled: false, hardBounce: false })
      expect(await outcome('reader@library.test')).toBe('accepted')
      expect(server.accepted.map((message) => message.recipients[0])).toEqual(['reader@library.test'])
    } finally {
      mailer.close()
      await server.stop()
    }
  })

  it('when nothing listens at the SMTP address, then the send fails at once as a temporary failure', async () => {
    const silent = await silentServer()
    const port = silent.port
    await silent.stop()
    const mailer = new SmtpThreadMailer({ smtpUrl: `smtp://127.0.0.1:${port}?ignoreTLS=true`, maxConnections: 1, rateLimit: 0 }, 10_000)
    try {
      await expect(mailer.send(update('reader@library.test', 1))).rejects.toMatchObject({ kind: 'temporary', message: expect.stringContaining('ECONNREFUSED') })
    } finally {
      mailer.close()
    }
  })

  it('when the server never answers, then the message fails as temporary after the answer timeout; closing the pool with messages in flight fails them too, and the next send starts a fresh thread', async () => {
    const silent = await silentServer()
    const server = await startSmtpServer()
    const hanging = new SmtpThreadMailer({ smtpUrl: `smtp://127.0.0.1:${silent.port}?ignoreTLS=true`, maxConnections: 1, rateLimit: 0 }, 300)
    try {
      await expect(hanging.send(update('reader@library.test', 1))).rejects.toMatchObject({ kind: 'temporary', message: expect.stringContaining('No answer from the mail server within 300 ms') })

      const patient = new SmtpThreadMailer({ smtpUrl: `smtp://127.0.0.1:${silent.port}?ignoreTLS=true`, maxConnections: 1, rateLimit: 0 }, 60_000)
      const inFlight = patient.send(update('reader@library.test', 2))
      await new Promise((resolve) => setTimeout(resolve, 200))
      patient.close()
      await expect(inFlight).rejects.toMatchObject({ kind: 'temporary', message: expect.stringContaining('The mail thread stopped') })
    } finally {
      hanging.close()
      await silent.stop()
    }
    const reopened = new SmtpThreadMailer({ smtpUrl: `${server.url}?ignoreTLS=true`, maxConnections: 1, rateLimit: 0 }, 10_000)
    try {
      await reopened.send(update('reader@library.test', 3))
      // The closed thread stops while the next message is on its way through a fresh one.
      reopened.close()
      await expect(reopened.send(update('reader@library.test', 4))).resolves.toMatchObject({ messageId: '<delivery-4.send-1@library.test>' })
      expect(server.accepted).toHaveLength(2)
    } finally {
      reopened.close()
      await server.stop()
    }
  })
})
