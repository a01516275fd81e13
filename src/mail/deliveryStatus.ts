import { simpleParser } from 'mailparser'

/** One recipient's block of a delivery status notification (RFC 3464). */
export interface RecipientStatus {
  recipient: string
  /** `failed`, `delayed`, `delivered`, `relayed` or `expanded`. */
  action: string
  /** The enhanced status code, such as `5.1.1`. */
  status: string
  diagnostic: string
}

export interface DeliveryStatusNotification {
  /** When the reporting server wrote it (`Arrival-Date`), else now. */
  at: string
  recipients: RecipientStatus[]
}

/**
 * Reads the fields of a `message/delivery-status` body: a block about the message, then one block
 * per recipient, separated by blank lines; continuation lines start with white space. Blocks are
 * told apart by their fields, not their place, because the parser hands the report over joined
 * with the message's other text parts.
 */
export function readDeliveryStatusFields(body: string): { message: Record<string, string>; recipients: RecipientStatus[] } {
  const blocks = body
    .replace(/\r\n/g, '\n')
    .replace(/\n[ \t]+/g, ' ')
    .split(/\n\s*\n/)
    .map((block) =>
      Object.fromEntries(
        block
          .split('\n')
          .map((line) => /^([A-Za-z-]+)\s*:\s*(.*)$/.exec(line.trim()))
          .filter((match): match is RegExpExecArray => match !== null)
          .map((match) => [match[1].toLowerCase(), match[2].trim()]),
      ),
    )
  const isRecipient = (fields: Record<string, string>) => 'final-recipient' in fields || 'original-recipient' in fields
  const message = blocks.find((fields) => 'reporting-mta' in fields || 'arrival-date' in fields) ?? {}
  const address = (value: string | undefined) => (value ?? '').replace(/^[^;]*;\s*/, '').replace(/^<|>$/g, '').trim()
  const recipients = blocks
    .filter(isRecipient)
    .map((fields) => ({
      recipient: address(fields['final-recipient'] ?? fields['original-recipient']),
      action: (fields.action ?? '').toLowerCase(),
      status: /\d\.\d{1,3}\.\d{1,3}/.exec(fields.status ?? '')?.[0] ?? '',
      diagnostic: fields['diagnostic-code'] ?? '',
    }))
    .filter((entry) => entry.recipient.includes('@'))
  return { message, recipients }
}

/**
 * Parses a message a mail server returned as a delivery status notification. Returns null when it
 * is not one (not a `multipart/report` of `report-type=delivery-status` with recipients), so the
 * caller refuses it.
 */
export async function parseDeliveryStatusNotification(input: Buffer): Promise<DeliveryStatusNotification | null> {
  const raw = input.subarray(0, 5).toString('latin1') === 'From ' ? input.subarray(input.indexOf(10) + 1) : input
  if (!/^[!-9;-~]+:/.test(raw.toString('latin1', 0, 200))) return null
  const parsed = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true })
  const contentType = parsed.headers.get('content-type') as { value?: string; params?: Record<string, string> } | undefined
  if (contentType?.value?.toLowerCase() !== 'multipart/report' || contentType.params?.['report-type']?.toLowerCase() !== 'delivery-status') return null
  const { message, recipients } = readDeliveryStatusFields(parsed.text ?? '')
  if (recipients.length === 0) return null
  const arrival = Date.parse(message['arrival-date'] ?? '')
  return { at: new Date(Number.isNaN(arrival) ? Date.now() : arrival).toISOString(), recipients }
}
