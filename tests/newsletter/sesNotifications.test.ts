import { api, login } from '../support/http'
import { startServer, type RunningServer } from '../support/server'
import { startSnsTopic, type SnsBody, type TestSnsTopic } from '../support/snsTopic'
import { aConfirmedReaderOverHttp, subscriberNamed as readSubscriber } from './readersOverHttp'

const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:vitalpress-ses-feedback'
const OTHER_TOPIC = 'arn:aws:sns:eu-west-1:123456789012:someone-elses-topic'
const days = (n: number) => new Date(Date.now() - n * 24 * 3_600_000).toISOString()

/** An SES bounce notification, as SES publishes it to SNS. */
const sesBounce = (email: string, bounceType: 'Permanent' | 'Transient', at = new Date().toISOString()) => ({
  notificationType: 'Bounce',
  bounce: {
    bounceType,
    bounceSubType: bounceType === 'Permanent' ? 'General' : 'MailboxFull',
    bouncedRecipients: [
      { emailAddress: email, action: 'failed', status: bounceType === 'Permanent' ? '5.1.1' : '4.2.2', diagnosticCode: bounceType === 'Permanent' ? 'smtp; 550 5.1.1 user unknown' : 'smtp; 452 4.2.2 mailbox full' },
    ],
    timestamp: at,
    feedbackId: '0000015d4bc1c3c5-c1a0c5a2-5a0e-4a53-b1d0-ea8e0b1ae4f1-000000',
    reportingMTA: 'dsn; a8-70.smtp-out.amazonses.com',
  },
  mail: { timestamp: at, source: 'library@vitalpress.local', messageId: '0000015d4bc1b0f5-example', destination: [email] },
})

/** An SES complaint notification. */
const sesComplaint = (email: string) => ({
  notificationType: 'Complaint',
  complaint: {
    complainedRecipients: [{ emailAddress: email }],
    timestamp: new Date().toISOString(),
    feedbackId: '0000015d4bc1d2e0-complaint-000000',
    userAgent: 'ExampleMail/1.0',
    complaintFeedbackType: 'abuse',
  },
  mail: { timestamp: new Date().toISOString(), source: 'library@vitalpress.local', messageId: '0000015d4bc1b0f5-example', destination: [email] },
})

describe('Amazon SES notifications delivered by SNS', () => {
  let sns: TestSnsTopic
  let server: RunningServer
  let adminToken: string
  let nextReader = 1

  /** SNS posts its JSON as text/plain, with its own headers. */
  const post = (body: SnsBody | string) =>
    api(server.baseURL, '/api/newsletter/bounces/ses', {
      method: 'POST',
      rawBody: typeof body === 'string' ? body : JSON.stringify(body),
      headers: { 'Content-Type': 'text/plain; charset=UTF-8', 'x-amz-sns-message-type': typeof body === 'string' ? 'Notification' : body.Type, 'User-Agent': 'Amazon Simple Notification Service Agent' },
    })

  const aConfirmedReader = () => aConfirmedReaderOverHttp(server.baseURL, adminToken, `ses-reader-${nextReader++}@example.test`)
  const subscriberNamed = (email: string) => readSubscriber(server.baseURL, adminToken, email)

  const certificateFetches = () => sns.requests.filter((request) => request.includes('/SimpleNotificationService-')).length
  const confirmationFetches = () => sns.requests.filter((request) => request.includes('Action=ConfirmSubscription'))

  beforeAll(async () => {
    sns = await startSnsTopic()
    server = await startServer('newsletter-ses', {
      NODE_EXTRA_CA_CERTS: sns.caFile,
      NEWSLETTER_SES_TOPIC_ARNS: TOPIC,
      NEWSLETTER_SES_CERTIFICATE_HOSTS: sns.host,
      NEWSLETTER_SUBSCRIBE_LIMIT: '1000',
    })
    adminToken = await login(server.baseURL, 'admin@vitalpress.example', 'vitalpress-admin')
  }, 300_000)

  afterAll(async () => {
    await server?.stop()
    await sns?.stop()
  })

  it('when SNS asks to confirm the subscription of the configured topic, then its SubscribeURL is fetched once; another topic\'s is not fetched', async () => {
    const confirmation = sns.subscriptionConfirmation(TOPIC, '2')
    const foreign = sns.subscriptionConfirmation(OTHER_TOPIC, '2')

    const answer = await post(confirmation)
    const refused = await post(foreign)

    expect(answer).toMatchObject({ status: 200, body: { outcome: 'subscription-confirmed' } })
    expect(refused).toMatchObject({ status: 403, body: { code: 'NEWSLETTER_SNS_TOPIC_UNKNOWN' } })
    expect(refused.body.message).toContain('NEWSLETTER_SES_TOPIC_ARNS')
    expect(confirmationFetches()).toEqual([`GET ${new URL(confirmation.SubscribeURL).pathname}${new URL(confirmation.SubscribeURL).search}`])
  })

  it('when SES reports a permanent bounce, then the address is suppressed at once as a hard bounce reported by SES', async () => {
    const reader = await aConfirmedReader()

    const answer = await post(sns.notification(TOPIC, sesBounce(reader.email, 'Permanent'), '1'))
    const after = await subscriberNamed(reader.email)

    expect(answer).toMatchObject({ status: 200, body: { outcome: 'recorded', recipients: [{ outcome: 'suppressed' }] } })
    expect(after).toMatchObject({ status: 'bounced', suppression: { reason: 'hard-bounce', reportedBy: 'ses' } })
    expect(after.suppression.detail).toContain('Permanent/General: 5.1.1')
    // Fetched over HTTPS from the allowed host, trusted through NODE_EXTRA_CA_CERTS, and kept.
    expect(certificateFetches()).toBe(1)
  })

  it('when a signed bounce from before an admin lifted the suppression is delivered again, then it changes nothing; a later bounce suppresses again', async () => {
    const reader = await aConfirmedReader()
    const bounce = sns.notification(TOPIC, sesBounce(reader.email, 'Permanent', days(1)), '2')
    await post(bounce)
    const lift = await api(server.baseURL, `/api/subscribers/${reader.id}/lift-suppression`, { method: 'POST', token: adminToken })

    const replayed = await post(bounce)
    const afterReplay = await subscriberNamed(reader.email)
    const later = await post(sns.notification(TOPIC, sesBounce(reader.email, 'Permanent', new Date(Date.now() + 1000).toISOString()), '2'))

    expect(lift.status).toBe(200)
    expect(replayed).toMatchObject({ status: 200, body: { outcome: 'recorded', recipients: [{ outcome: 'stale' }] } })
    expect(afterReplay).toMatchObject({ status: 'confirmed', suppression: { reason: null } })
    expect(later.body.recipients).toEqual([{ outcome: 'suppressed' }])
    expect(await subscriberNamed(reader.email)).toMatchObject({ status: 'bounced', suppression: { reason: 'hard-bounce' } })
  })

  it('when SES reports transient bounces, then two within 30 days are only counted, one SNS delivers twice counts once, and the third suppresses the address', async () => {
    const reader = await aConfirmedReader()
    const first = sns.notification(TOPIC, sesBounce(reader.email, 'Transient', days(25)), '2')

    const outcomes = []
    for (const message of [first, first, sns.notification(TOPIC, sesBounce(reader.email, 'Transient', days(12)), '1')]) outcomes.push((await post(message)).body.recipients?.[0]?.outcome)
    const afterTwo = await subscriberNamed(reader.email)
    outcomes.push((await post(sns.notification(TOPIC, sesBounce(reader.email, 'Transient', days(0)), '2'))).body.recipients?.[0]?.outcome)

    expect(outcomes).toEqual(['counted', 'counted', 'counted', 'suppressed'])
    expect(afterTwo).toMatchObject({ status: 'confirmed', suppression: { reason: null } })
    expect(await subscriberNamed(reader.email)).toMatchObject({ status: 'bounced', suppression: { reason: 'soft-bounces', reportedBy: 'ses' } })
  })

  it('when SES reports a complaint, then the address is suppressed and the reader unsubscribed', async () => {
    const reader = await aConfirmedReader()

    const answer = await post(sns.notification(TOPIC, sesComplaint(reader.email), '2'))
    const after = await subscriberNamed(reader.email)

    expect(answer).toMatchObject({ status: 200, body: { outcome: 'recorded', recipients: [{ outcome: 'suppressed' }] } })
    expect(after).toMatchObject({ status: 'unsubscribed', suppression: { reason: 'complaint', reportedBy: 'ses' } })
    expect(after.unsubscribedAt).toBeTruthy()
  })

  it('when a signed message is altered or its signature is not SNS\'s, then it is refused with 403 and nothing changes', async () => {
    const reader = await aConfirmedReader()
    const bystander = await aConfirmedReader()
    const genuine = sns.notification(TOPIC, sesBounce(bystander.email, 'Permanent'), '1')
    const signedElsewhere = sns.notification(TOPIC, sesBounce(reader.email, 'Permanent'), '2')
    const fetchesBefore = certificateFetches()

    const altered = await post({ ...genuine, Message: genuine.Message.replaceAll(bystander.email, reader.email) })
    const badSignature = await post({ ...signedElsewhere, Signature: genuine.Signature })
    const foreignCertificate = await post({ ...signedElsewhere, SigningCertURL: 'https://certificates.example.org/SimpleNotificationService-0123456789abcdef0123456789abcdef.pem' })
    const otherTopic = await post(sns.notification(OTHER_TOPIC, sesBounce(reader.email, 'Permanent')))

    for (const refused of [altered, badSignature, foreignCertificate]) expect(refused).toMatchObject({ status: 403, body: { code: 'NEWSLETTER_SNS_SIGNATURE_INVALID' } })
    expect(otherTopic).toMatchObject({ status: 403, body: { code: 'NEWSLETTER_SNS_TOPIC_UNKNOWN' } })
    expect(certificateFetches() - fetchesBefore).toBeLessThanOrEqual(1)
    expect(await subscriberNamed(reader.email)).toMatchObject({ status: 'confirmed', suppression: { reason: null } })
    expect(await subscriberNamed(bystander.email)).toMatchObject({ status: 'confirmed', suppression: { reason: null } })
  })

  it('when the body is not an SNS message, then it is answered 400 saying what is wrong, and nothing is fetched', async () => {
    const requestsBefore = sns.requests.length
    const { Signature: _signature, ...unsigned } = sns.notification(TOPIC, sesBounce('someone@example.test', 'Permanent'))

    const notJson = await post('{"Type": "Notification",')
    const missing = await post(unsigned)
    const wrongType = await post({ ...unsigned, Type: 'Bounce', Signature: 'x' })
    const notSes = await post(sns.notification(TOPIC, { notificationType: 'Bounce', bounce: { bounceType: 'Permanent', bouncedRecipients: [] } }))

    expect(notJson).toMatchObject({ status: 400, body: { code: 'NEWSLETTER_SNS_MESSAGE_INVALID' } })
    expect(notJson.body.message).toMatch(/not JSON/)
    expect(missing.status).toBe(400)
    expect(missing.body.message).toContain('"Signature"')
    expect(wrongType.status).toBe(400)
    expect(wrongType.body.message).toContain('"Type" is "Bounce"')
    expect(sns.requests.length).toBe(requestsBefore)
    expect(notSes).toMatchObject({ status: 400, body: { code: 'NEWSLETTER_SNS_MESSAGE_INVALID' } })
    expect(notSes.body.message).toContain('bouncedRecipients')
  })
})
