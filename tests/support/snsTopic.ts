import { execFileSync } from 'node:child_process'
import { createSign, randomBytes, randomUUID } from 'node:crypto'
import fs from 'node:fs'
import https from 'node:https'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'

/** The keys and certificates of a test SNS: a CA the server trusts, its TLS certificate for 127.0.0.1, and a signing certificate. */
interface SnsCertificates {
  dir: string
  caFile: string
  tls: { key: string; cert: string }
  signing: { key: string; cert: string }
}

function openssl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' })
}

/** Node cannot write X.509 certificates, so the system's openssl makes them, fresh for each test file. */
function makeCertificates(): SnsCertificates {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vitalpress-sns-'))
  const days = ['-days', '2']
  openssl(dir, ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', ...days, '-subj', '/CN=Vitalpress test SNS CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'])
  openssl(dir, ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'tls.key', '-out', 'tls.csr', '-subj', '/CN=127.0.0.1'])
  fs.writeFileSync(path.join(dir, 'tls.ext'), 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n')
  openssl(dir, ['x509', '-req', '-in', 'tls.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'tls.pem', ...days, '-extfile', 'tls.ext'])
  openssl(dir, ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'signing.key', '-out', 'signing.pem', ...days, '-subj', '/CN=sns.amazonaws.com'])
  const read = (file: string) => fs.readFileSync(path.join(dir, file), 'utf8')
  return { dir, caFile: path.join(dir, 'ca.pem'), tls: { key: read('tls.key'), cert: read('tls.pem') }, signing: { key: read('signing.key'), cert: read('signing.pem') } }
}

/** The fields SNS signs, in the order it signs them (its documented canonical string). */
const SIGNED_FIELDS = {
  Notification: ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'],
  SubscriptionConfirmation: ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'],
} as const

export type SnsBody = Record<string, string>

export interface TestSnsTopic {
  /** The host (with port) to allow: `NEWSLETTER_SES_CERTIFICATE_HOSTS`. */
  host: string
  /** The CA file the Vitalpress server must trust: `NODE_EXTRA_CA_CERTS`. */
  caFile: string
  /** Every request the HTTPS server answered, as `GET /path?query`. */
  requests: string[]
  /** An SES notification published to `topicArn`, signed as SNS signs it. */
  notification(topicArn: string, sesMessage: unknown, signatureVersion?: '1' | '2'): SnsBody
  /** The message SNS posts when a subscription to `topicArn` is made. */
  subscriptionConfirmation(topicArn: string, signatureVersion?: '1' | '2'): SnsBody
  stop(): Promise<void>
}

/**
 * Amazon SNS as a Vitalpress server meets it: an HTTPS server on 127.0.0.1 serving the signing
 * certificate and answering subscription confirmations, and messages signed with that
 * certificate's key exactly as SNS signs them (SignatureVersion 1: SHA1withRSA, 2: SHA256withRSA).
 */
export async function startSnsTopic(): Promise<TestSnsTopic> {
  const certificates = makeCertificates()
  const certificatePath = `/SimpleNotificationService-${randomBytes(16).toString('hex')}.pem`
  const requests: string[] = []
  const server = https.createServer({ key: certificates.tls.key, cert: certificates.tls.cert }, (request, response) => {
    requests.push(`${request.method} ${request.url}`)
    const url = new URL(request.url ?? '/', 'https://127.0.0.1')
    if (url.pathname === certificatePath) {
      response.writeHead(200, { 'Content-Type': 'application/x-pem-file' }).end(certificates.signing.cert)
    } else if (url.pathname === '/' && url.searchParams.get('Action') === 'ConfirmSubscription') {
      response.writeHead(200, { 'Content-Type': 'text/xml' }).end(
        `<ConfirmSubscriptionResponse><ConfirmSubscriptionResult><SubscriptionArn>${url.searchParams.get('TopicArn')}:${randomUUID()}</SubscriptionArn></ConfirmSubscriptionResult></ConfirmSubscriptionResponse>`,
      )
    } else {
      response.writeHead(404).end()
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`

  function sign(message: SnsBody, signatureVersion: '1' | '2'): SnsBody {
    const unsigned: SnsBody = { ...message, SignatureVersion: signatureVersion, SigningCertURL: `https://${host}${certificatePath}` }
    const fields = SIGNED_FIELDS[unsigned.Type as keyof typeof SIGNED_FIELDS]
    const canonical = fields.filter((field) => field in unsigned).map((field) => `${field}\n${unsigned[field]}\n`).join('')
    const signature = createSign(signatureVersion === '1' ? 'RSA-SHA1' : 'RSA-SHA256').update(canonical, 'utf8').sign(certificates.signing.key, 'base64')
    return { ...unsigned, Signature: signature }
  }

  return {
    host,
    caFile: certificates.caFile,
    requests,
    notification: (topicArn, sesMessage, signatureVersion = '1') =>
      sign({ Type: 'Notification', MessageId: randomUUID(), TopicArn: topicArn, Message: JSON.stringify(sesMessage), Timestamp: new Date().toISOString() }, signatureVersion),
    subscriptionConfirmation: (topicArn, signatureVersion = '1') => {
      const token = randomBytes(64).toString('hex')
      return sign(
        {
          Type: 'SubscriptionConfirmation',
          MessageId: randomUUID(),
          Token: token,
          TopicArn: topicArn,
          Message: `You have chosen to subscribe to the topic ${topicArn}.\nTo confirm the subscription, visit the SubscribeURL included in this message.`,
          SubscribeURL: `https://${host}/?Action=ConfirmSubscription&TopicArn=${encodeURIComponent(topicArn)}&Token=${token}`,
          Timestamp: new Date().toISOString(),
        },
        signatureVersion,
      )
    },
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      fs.rmSync(certificates.dir, { recursive: true, force: true })
    },
  }
}
