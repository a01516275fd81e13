import type { Payload } from 'payload'

import type { OutgoingEmail } from '../mail/mailer'
import type { Article, NewsletterSend } from '../payload-types'
import type { EmailTextCatalog } from './email/texts'
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
}

export function unsubscribeUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/api/newsletter/unsubscribe?token=${encodeURIComponent(token)}`
}

/**
 * Builds each recipient's copy of an update email. MJML renders once per send and language
 * (tens of milliseconds); a copy only fills in the recipient's unsubscribe address.
 */
export class UpdateMessages {
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
    let template = this.templates.get(key)
    if (!template) {
      if (this.templates.size > 64) this.templates.clear()
      template = this.article(send, renderedIn).then((article) =>
        renderUpdateEmail(this.deps.catalog.for(renderedIn), {
          changeKind: send.changeKind,
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
        'List-Unsubscribe': `<${url}>, <mailto:${this.deps.options.unsubscribeMailbox}?subject=${encodeURIComponent(`unsubscribe ${token}`)}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        'Content-Language': recipient.renderedIn,
        'X-Vitalpress-Send': String(send.id),
      },
    }
  }
}
