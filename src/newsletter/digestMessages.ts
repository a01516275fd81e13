import type { Payload } from 'payload'

import type { OutgoingEmail } from '../mail/mailer'
import type { Article, NewsletterSend } from '../payload-types'
import type { DigestItem } from './digests'
import type { EmailTextCatalog } from './email/texts'
import { personalize, renderDigestEmail, type RenderedEmail } from './email/templates'
import { listUnsubscribeHeaders, preferencesUrl, unsubscribeUrl, type MessageComposer, type Recipient } from './messages'
import type { NewsletterOptions } from './options'
import { unsubscribeToken } from './tokens'
import { articleUrl } from '../content/siteAddress'

export interface DigestMessagesDeps {
  payload: Payload
  catalog: EmailTextCatalog
  options: Pick<NewsletterOptions, 'publicUrl' | 'articleUrlPattern' | 'from' | 'unsubscribeMailbox'>
  secret: string
}

/**
 * Builds each reader's digest from the updates its ledger row lists. Readers of one language who
 * follow the same things get the same template, rendered once; a copy fills in the reader's own
 * unsubscribe and preferences addresses.
 */
export class DigestMessages implements MessageComposer {
  private readonly templates = new Map<string, Promise<RenderedEmail>>()
  private readonly articles = new Map<string, Promise<Article | null>>()
  private readonly domain: string

  constructor(private readonly deps: DigestMessagesDeps) {
    this.domain = deps.options.from.address.split('@')[1] ?? 'vitalpress.local'
  }

  private article(id: string, locale: string): Promise<Article | null> {
    const key = `${id}:${locale}`
    let article = this.articles.get(key)
    if (!article) {
      if (this.articles.size > 512) this.articles.clear()
      article = this.deps.payload.findByID({ collection: 'articles', id, locale: locale as never, depth: 0, draft: false, overrideAccess: true, disableErrors: true })
      article.catch(() => this.articles.delete(key))
      this.articles.set(key, article)
    }
    return article
  }

  private async render(send: NewsletterSend, language: string, items: DigestItem[]): Promise<RenderedEmail> {
    const entries = []
    for (const item of items) {
      const article = await this.article(item.article, item.renderedIn)
      // An article deleted after the digest was prepared has no page left to link to.
      if (!article) continue
      entries.push({
        changeKind: item.changeKind,
        title: article.title,
        changelogNote: article.revision === item.revision ? article.changelogNote : null,
        publishedAt: item.publishedAt,
        articleUrl: articleUrl(this.deps.options.articleUrlPattern, item.renderedIn, article.slug),
        contentLanguage: item.renderedIn,
        late: item.late,
      })
    }
    return renderDigestEmail(this.deps.catalog.for(language), {
      window: send.digest?.window === 'monthly' ? 'monthly' : 'weekly',
      start: send.digest?.windowStart ?? new Date(0).toISOString(),
      end: send.digest?.windowEnd ?? new Date(0).toISOString(),
      entries,
    })
  }

  private template(send: NewsletterSend, language: string, items: DigestItem[]): Promise<RenderedEmail> {
    const key = `${send.id}:${language}:${JSON.stringify(items)}`
    let template = this.templates.get(key)
    if (!template) {
      if (this.templates.size > 256) this.templates.clear()
      template = this.render(send, language, items)
      template.catch(() => this.templates.delete(key))
      this.templates.set(key, template)
    }
    return template
  }

  async compose(send: NewsletterSend, recipient: Recipient): Promise<OutgoingEmail> {
    const language = this.deps.catalog.has(recipient.language) ? recipient.language : this.deps.catalog.languages[0].code
    const items = (Array.isArray(recipient.digestUpdates) ? recipient.digestUpdates : []) as DigestItem[]
    const template = await this.template(send, language, items)
    const token = unsubscribeToken(this.deps.secret, recipient.subscriberId)
    const unsubscribe = unsubscribeUrl(this.deps.options.publicUrl, token)
    const copy = personalize(template, unsubscribe, preferencesUrl(this.deps.options.publicUrl, token))
    return {
      to: recipient.email,
      from: this.deps.options.from,
      subject: copy.subject,
      html: copy.html,
      text: copy.text,
      // Stable across retries, so a copy sent twice after a crash is the same message to mail clients.
      messageId: `<${recipient.deliveryId}.${send.id}@${this.domain}>`,
      headers: {
        ...listUnsubscribeHeaders(this.deps.options, unsubscribe, token),
        'Content-Language': language,
        'X-Vitalpress-Send': String(send.id),
      },
    }
  }
}

/** The composer of each kind of send: the update email, or the reader's digest. */
export function messagesBySendKind(updates: MessageComposer, digests: MessageComposer): MessageComposer {
  return { compose: (send, recipient) => (send.kind === 'digest' ? digests : updates).compose(send, recipient) }
}
