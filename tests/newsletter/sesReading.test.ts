import { readSesNotification } from '../../src/newsletter/providers/ses'
import { certificateHostPattern, readSnsMessage } from '../../src/newsletter/providers/sns'

const at = '2026-03-01T10:00:00.000Z'
const bounce = (bounceType: string, recipients = [{ emailAddress: 'asha@example.test', status: '5.1.1', diagnosticCode: 'smtp; 550 user unknown' }]) =>
  JSON.stringify({ notificationType: 'Bounce', bounce: { bounceType, bounceSubType: 'General', bouncedRecipients: recipients, timestamp: at } })

describe('reading what SES and SNS send', () => {
  it('when SES reports a permanent bounce, then each recipient is a hard bounce reported by ses, with its status and diagnosis', () => {
    const reading = readSesNotification(bounce('Permanent', [{ emailAddress: 'asha@example.test', status: '5.1.1', diagnosticCode: 'smtp; 550 user unknown' }, { emailAddress: 'ravi@example.test', status: '5.1.1', diagnosticCode: '' }]))

    expect(reading).toEqual({
      problems: [
        { email: 'asha@example.test', kind: 'hard-bounce', at, reportedBy: 'ses', detail: 'Permanent/General: 5.1.1: smtp; 550 user unknown' },
        { email: 'ravi@example.test', kind: 'hard-bounce', at, reportedBy: 'ses', detail: 'Permanent/General: 5.1.1' },
      ],
    })
  })

  it('when SES reports a transient or undetermined bounce, then it is soft', () => {
    expect(readSesNotification(bounce('Transient'))).toMatchObject({ problems: [{ kind: 'soft-bounce' }] })
    expect(readSesNotification(bounce('Undetermined'))).toMatchObject({ problems: [{ kind: 'soft-bounce' }] })
  })

  it('when SES publishes through a configuration set (eventType), then a complaint is read the same way; not-spam feedback is none', () => {
    const complaint = (complaintFeedbackType: string) =>
      JSON.stringify({ eventType: 'Complaint', complaint: { complainedRecipients: [{ emailAddress: 'asha@example.test' }], timestamp: at, complaintFeedbackType } })

    expect(readSesNotification(complaint('abuse'))).toEqual({ problems: [{ email: 'asha@example.test', kind: 'complaint', at, reportedBy: 'ses', detail: 'Complaint: abuse' }] })
    expect(readSesNotification(complaint('not-spam'))).toHaveProperty('ignored')
  })

  it('when the message is a delivery, not JSON, or a bounce without recipients, then it is ignored or the problem is named', () => {
    expect(readSesNotification(JSON.stringify({ notificationType: 'Delivery', delivery: {} }))).toEqual({ ignored: 'SES Delivery notifications change nothing here.' })
    expect(readSesNotification('bounce!')).toEqual({ problem: expect.stringContaining('not JSON') })
    expect(readSesNotification(bounce('Permanent', []))).toEqual({ problem: expect.stringContaining('bouncedRecipients') })
    expect(readSesNotification(bounce('Sideways'))).toEqual({ problem: expect.stringContaining('"Sideways"') })
  })

  it('when an SNS envelope lacks a field, then the missing fields are named', () => {
    expect(readSnsMessage({ Type: 'SubscriptionConfirmation', MessageId: 'm', TopicArn: 't', Message: 'x', Timestamp: at, SignatureVersion: '1', Signature: 's', SigningCertURL: 'u' })).toEqual({
      problem: 'The SNS message has no "SubscribeURL", "Token".',
    })
    expect(readSnsMessage([])).toEqual({ problem: 'The body is not a JSON object.' })
  })

  it('when certificate hosts are given with *, then * matches one label and nothing else passes', () => {
    const pattern = certificateHostPattern(['sns.*.amazonaws.com', 'sns.*.amazonaws.com.cn'])

    expect(['sns.eu-west-1.amazonaws.com', 'sns.cn-north-1.amazonaws.com.cn'].every((host) => pattern.test(host))).toBe(true)
    expect(['sns.eu-west-1.amazonaws.com.evil.example', 'evil.example/sns.x.amazonaws.com', 'sns.a.b.amazonaws.com', 'snsXeu-west-1.amazonaws.com'].some((host) => pattern.test(host))).toBe(false)
  })
})
