import type { DeliveryStatusNotification } from '../../mail/deliveryStatus'
import type { ProblemReport } from '../bounces'

/**
 * The delivery problems in a returned delivery status notification. A permanent failure saying
 * the mailbox is gone (5.1.x, or 5.2.1 disabled) is a hard bounce, as for an SMTP answer; other
 * failures and delays are soft, counted towards the soft-bounce limit. Delivered, relayed and
 * expanded recipients are no problem.
 */
export function problemsInDeliveryStatus(notification: DeliveryStatusNotification): ProblemReport[] {
  return notification.recipients.flatMap((entry): ProblemReport[] => {
    if (entry.action !== 'failed' && entry.action !== 'delayed') return []
    const hard = entry.action === 'failed' && (/^5\.1\./.test(entry.status) || entry.status === '5.2.1')
    const detail = [entry.action, entry.status, entry.diagnostic].filter(Boolean).join(' ')
    return [{ email: entry.recipient, kind: hard ? 'hard-bounce' : 'soft-bounce', at: notification.at, reportedBy: 'bounce-mail', detail }]
  })
}
