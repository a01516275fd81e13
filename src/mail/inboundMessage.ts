import { simpleParser, type AddressObject } from 'mailparser'

/** What the product reads of a message handed over by the mail server (a pipe alias). */
export interface InboundMessage {
  subject: string
  /** Every address the message was for: To, Cc, and the envelope headers the mail server adds. */
  recipients: string[]
  from: string | null
}

const ENVELOPE_HEADERS = ['delivered-to', 'x-original-to', 'envelope-to']

function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  const objects = value === undefined ? [] : Array.isArray(value) ? value : [value]
  return objects.flatMap((object) => object.value.map((entry) => entry.address ?? '')).filter(Boolean)
}

/**
 * Parses one RFC 822 message. Returns null when the input is not a message at all (no header
 * block), so a caller can refuse it rather than act on whatever the parser made of it.
 */
export async function parseInboundMessage(input: Buffer): Promise<InboundMessage | null> {
  // A pipe may put the mbox envelope line (`From sender date`) before the header fields.
  const raw = input.subarray(0, 5).toString('latin1') === 'From ' ? input.subarray(input.indexOf(10) + 1) : input
  const text = raw.toString('latin1')
  // A message starts with header fields (`Name: value`) and ends its header block with a blank line.
  if (!/^[!-9;-~]+:/.test(text) || !/\r?\n\r?\n|\r?\n$/.test(text)) return null
  const parsed = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true })
  const envelope = ENVELOPE_HEADERS.flatMap((name) => {
    const value = parsed.headers.get(name)
    return value === undefined ? [] : [String(value)]
  })
  return {
    subject: parsed.subject ?? '',
    recipients: [...addresses(parsed.to), ...addresses(parsed.cc), ...envelope],
    from: addresses(parsed.from)[0] ?? null,
  }
}
