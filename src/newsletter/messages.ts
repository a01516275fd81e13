import type { Payload } from 'payload'

import type { OutgoingEmail } from '../mail/mailer'
import type { Article, NewsletterSend } from '../payload-types'
import type { EmailTextCatalog } from './email/texts'
import { NewsletterError } from './errors'
import { personalize, renderUpdateEmail, type RenderedEmail } from './email/templates'
import type { NewsletterOptions } from './options'
import { unsubscribeToken } from './tokens'
import { relationId } from '../content/relations'
import { articleUrl } from '../content/siteAddress'

export interface UpdateMessagesDeps {
  payload: Payload
  catalog: EmailTextCatalog
  options: Pick<NewsletterOptions, 'publicUrl' | 'articleUrlPattern' | 'from' | 'unsubscribeMailbox'>
  secret: string
}

/** Who one copy of an update email is for. */
export interface Recipient {
  deliveryId: string
  subscriberId: string
  email: string
  /** The subscriber's language. */
  language: string
  /** The language the email is written in: the subscriber's, or its fallback when the translation was late. */
  renderedIn: string
  /** A digest's row: the updates it lists (see `DigestItem`). */
  digestUpdates?: unknown
}

/** Writes one recipient's copy of a send's email, whatever kind of send it is. */
export interface MessageComposer {
  compose(send: NewsletterSend, recipient: Recipient): Promise<OutgoingEmail>
}

export function unsubscribeUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/api/newsletter/unsubscribe?token=${encodeURIComponent(token)}`
}

export function preferencesUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/api/newsletter/preferences?token=${encodeURIComponent(token)}`
}

/** RFC 2369 and RFC 8058: the one-click link and the mailto address, both carrying the reader's token. */
export function listUnsubscribeHeaders(options: Pick<NewsletterOptions, 'unsubscribeMailbox'>, url: string, token: string): Record<string, string> {
  return {
    'List-Unsubscribe': `<${url}>, <mailto:${options.unsubscribeMailbox}?subject=${encodeURIComponent(`unsubscribe ${token}`)}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  }
}

/**
 * Builds each recipient's copy of an update email. MJML renders once per send and language
 * (tens of milliseconds); a copy only fills in the recipient's unsubscribe address.
 */
export class UpdateMessages implements MessageComposer {
  private readonly templates = new Map<string, Promise<RenderedEmail>>()
  private readonly domain: string

  constructor(private readonly deps: UpdateMessagesDeps) {
    this.domain = deps.options.from.address.split('@')[1] ?? 'vitalpress.local'
  }

  private async article(send: NewsletterSend, locale: string): Promise<Article> {
    const id = relationId(send.article)!
    return this.deps.payload.findByID({ collection: 'articles', id, locale: locale as never, depth: 0, draft: false, overrideAccess: true })
  }

  template(send: NewsletterSend, renderedIn: string, language: string): Promise<RenderedEmail> {
    const key = `${send.id}:${renderedIn}:${language === renderedIn ? '' : language}`
    const changeKind = send.changeKind
    if (send.kind === 'digest' || !changeKind || !send.article) {
      return Promise.reject(
        new NewsletterError({ code: 'NEWSLETTER_SEND_IS_DIGEST', status: 409, message: `Send ${send.id} is a digest, written for each reader; only an update send has one email to show.` }),
      )
    }
    let template = this.templates.get(key)
    if (!template) {
      if (this.templates.size > 64) this.templates.clear()
      template = this.article(send, renderedIn).then((article) =>
        renderUpdateEmail(this.deps.catalog.for(renderedIn), {
          changeKind,
          title: article.title,
          changelogNote: article.changelogNote,
          lastUpdated: article.lastUpdated,
          articleUrl: articleUrl(this.deps.options.articleUrlPattern, renderedIn, article.slug),
          lateLanguage: language === renderedIn ? undefined : language,
        }),
      )
      template.catch(() => this.templates.delete(key))
      this.templates.set(key, template)
    }
    return template
  }

  async compose(send: NewsletterSend, recipient: Recipient): Promise<OutgoingEmail> {
    const template = await this.template(send, recipient.renderedIn, recipient.language)
    const token = unsubscribeToken(this.deps.secret, recipient.subscriberId)
    const url = unsubscribeUrl(this.deps.options.publicUrl, token)
    const copy = personalize(template, url)
    return {
      to: recipient.email,
      from: this.deps.options.from,
      subject: copy.subject,
      html: copy.html,
      text: copy.text,
      // Stable across retries, so a copy sent twice after a crash is the same message to mail clients.
      messageId: `<${recipient.deliveryId}.${send.id}@${this.domain}>`,
      headers: {
        ...listUnsubscribeHeaders(this.deps.options, url, token),
        'Content-Language': recipient.renderedIn,
        'X-Vitalpress-Send': String(send.id),
      },
    }
  }
}
