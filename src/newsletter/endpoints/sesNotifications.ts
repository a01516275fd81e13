import type { Payload } from 'payload'

import { recordDeliveryProblem, type ProblemOutcome } from '../bounces'
import type { Newsletter } from '../createNewsletter'
import { NewsletterError } from '../errors'
import { readSesNotification } from '../providers/ses'
import { readSnsMessage, type SnsMessage } from '../providers/sns'

export type SesAnswer =
  | { outcome: 'subscription-confirmed' | 'ignored' }
  | { outcome: 'recorded'; recipients: Array<{ outcome: ProblemOutcome }> }

const invalid = (problem: string) =>
  new NewsletterError({ code: 'NEWSLETTER_SNS_MESSAGE_INVALID', status: 400, message: `${problem} Post the JSON body of an Amazon SNS HTTP message here, unchanged.` })

function assertFromOurTopic(message: SnsMessage, topicArns: readonly string[]): void {
  if (topicArns.includes(message.TopicArn)) return
  throw new NewsletterError({
    code: 'NEWSLETTER_SNS_TOPIC_UNKNOWN',
    status: 403,
    message: `The topic ${message.TopicArn} is not one this server reads: add its ARN to NEWSLETTER_SES_TOPIC_ARNS if SES publishes its bounces and complaints there.`,
  })
}

async function assertSignedBySns(newsletter: Newsletter, message: SnsMessage): Promise<void> {
  try {
    await newsletter.sns.verify(message)
  } catch (error) {
    newsletter.payload.logger.warn({ event: 'newsletter.sns.refused', code: 'NEWSLETTER_SNS_SIGNATURE_INVALID', messageId: message.MessageId, topicArn: message.TopicArn, reason: (error as Error).message })
    throw new NewsletterError({
      code: 'NEWSLETTER_SNS_SIGNATURE_INVALID',
      status: 403,
      message: `The message's SNS signature could not be verified (${(error as Error).message}); only messages signed by Amazon SNS are read.`,
    })
  }
}

async function confirmSubscription(newsletter: Newsletter, message: SnsMessage): Promise<SesAnswer> {
  try {
    await newsletter.sns.confirmSubscription(message.SubscribeURL as string)
  } catch (error) {
    throw new NewsletterError({
      code: 'NEWSLETTER_SNS_CONFIRMATION_FAILED',
      status: 502,
      message: `The subscription to ${message.TopicArn} could not be confirmed (${(error as Error).message}); SNS sends the confirmation again, or confirm it in the SNS console.`,
    })
  }
  newsletter.payload.logger.info({ event: 'newsletter.sns.subscription.confirmed', topicArn: message.TopicArn, messageId: message.MessageId })
  return { outcome: 'subscription-confirmed' }
}

async function recordNotification(payload: Payload, message: SnsMessage): Promise<SesAnswer> {
  const reading = readSesNotification(message.Message)
  if ('problem' in reading) throw invalid(reading.problem)
  if ('ignored' in reading) {
    payload.logger.info({ event: 'newsletter.ses.ignored', messageId: message.MessageId, reason: reading.ignored })
    return { outcome: 'ignored' }
  }
  const recipients: Array<{ outcome: ProblemOutcome }> = []
  for (const report of reading.problems) recipients.push({ outcome: (await recordDeliveryProblem(payload, report)).outcome })
  return { outcome: 'recorded', recipients }
}

/**
 * One message SNS posted for SES: its envelope read (400 when it is not one), its topic one we
 * read and its signature SNS's (403 otherwise, before anything is fetched or changed), then a
 * subscription confirmed, or a bounce or complaint put through the suppression rule.
 */
export async function receiveSnsMessage(newsletter: Newsletter, body: string): Promise<SesAnswer> {
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch (error) {
    throw invalid(`The body is not JSON (${(error as Error).message}).`)
  }
  const envelope = readSnsMessage(parsed)
  if ('problem' in envelope) throw invalid(envelope.problem)
  const { message } = envelope
  assertFromOurTopic(message, newsletter.options.ses.topicArns)
  await assertSignedBySns(newsletter, message)
  if (message.Type === 'SubscriptionConfirmation') return confirmSubscription(newsletter, message)
  if (message.Type === 'UnsubscribeConfirmation') {
    newsletter.payload.logger.warn({ event: 'newsletter.sns.unsubscribed', topicArn: message.TopicArn, messageId: message.MessageId })
    return { outcome: 'ignored' }
  }
  return recordNotification(newsletter.payload, message)
}
