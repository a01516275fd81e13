import type { InboundMessage } from '../mail/inboundMessage'
import { verifyUnsubscribeToken } from './tokens'

/** An unsubscribe token as `unsubscribeToken` writes it: base64url subscriber id, a dot, a base64url HMAC-SHA256. */
const TOKEN = /[A-Za-z0-9_-]{1,200}\.[A-Za-z0-9_-]{43}/g

/**
 * Where the mailto half of `List-Unsubscribe` may have put the token: the subject the link
 * presets (`unsubscribe <token>`, which mail clients may prefix with "Re:" or similar), or the
 * recipient's local part when the mail system is set up with an address per token
 * (`unsubscribe+<token>@…`). Returns the first token that was made with this server's secret,
 * or null.
 */
export function unsubscribeTokenInMail(secret: string, message: InboundMessage): string | null {
  const localParts = message.recipients.map((address) => address.split('@')[0] ?? '')
  for (const text of [message.subject, ...localParts]) {
    for (const candidate of text.match(TOKEN) ?? []) {
      if (verifyUnsubscribeToken(secret, candidate)) return candidate
    }
  }
  return null
}
