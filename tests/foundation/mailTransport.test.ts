import net from 'node:net'

import { createMailTransport } from '../../src/mail/transport'
import { startSmtpServer, type SmtpTls } from '../support/smtpServer'

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

describe('the SMTP transport (pooled connections opened by the product)', () => {
  it.each<[SmtpTls, string, boolean]>([
    ['none', '?ignoreTLS=true', false],
    ['implicit', '?tlsRejectUnauthorized=false', true],
    ['starttls', '?tlsRejectUnauthorized=false', true],
  ])('when the server speaks TLS %s, then every message of a burst through the pool arrives whole, encrypted where TLS is on', async (tls, query, encrypted) => {
    const server = await startSmtpServer(undefined, { tls })
    const transport = createMailTransport({ smtpUrl: `${server.url}${query}`, outboxDir: '/nonexistent', maxConnections: 3, rateLimit: 0 })
    try {
      const readers = Array.from({ length: 12 }, (_, index) => `reader${index}@library.test`)
      await Promise.all(
        readers.map((to, index) => transport.sendMail({ from: 'updates@library.test', to, subject: `Bone metastases: update ${index}`, text: `Pain relief, part ${index}.`.repeat(400) })),
      )

      expect(server.accepted).toHaveLength(12)
      for (const [index, reader] of readers.entries()) {
        const [mail] = await server.mailTo(reader)
        expect(mail.subject).toBe(`Bone metastases: update ${index}`)
        expect(mail.text?.trim()).toBe(`Pain relief, part ${index}.`.repeat(400))
      }
      expect(server.sessions.every((session) => session.secure === encrypted)).toBe(true)
    } finally {
      transport.close()
      await server.stop()
    }
  })

  it('when nothing listens at the SMTP address, then the send fails with the connection refused instead of waiting', async () => {
    const transport = createMailTransport({ smtpUrl: `smtp://127.0.0.1:${await closedPort()}?ignoreTLS=true`, outboxDir: '/nonexistent', maxConnections: 2, rateLimit: 0 })
    try {
      await expect(transport.sendMail({ from: 'updates@library.test', to: 'reader@library.test', subject: 'Update', text: 'Update.' })).rejects.toMatchObject({
        code: 'ECONNREFUSED',
      })
    } finally {
      transport.close()
    }
  })
})
