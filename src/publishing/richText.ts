import { convertLexicalToHTML, defaultHTMLConverters, type HTMLConverters } from '@payloadcms/richtext-lexical/html'
import { convertLexicalToPlaintext } from '@payloadcms/richtext-lexical/plaintext'
import sanitizeHtml from 'sanitize-html'

/** A rich-text value as Payload stores it: a Lexical editor state. */
export type RichTextValue = Parameters<typeof convertLexicalToHTML>[0]['data']

/**
 * What published HTML may contain: text formatting, lists, headings, quotes, tables and links
 * with web, mail or phone addresses. Everything else (scripts, frames, styles, event handlers,
 * `javascript:` links) is removed, whatever the editor state held.
 */
const PUBLISHED_HTML: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'strong', 'b', 'em', 'i', 'u', 's', 'sub', 'sup', 'code', 'span', 'a',
    'ul', 'ol', 'li', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'hr',
    'table', 'thead', 'tbody', 'tr', 'th', 'td',
  ],
  allowedAttributes: { a: ['href', 'rel', 'target'], ol: ['start'], li: ['value'], th: ['colspan', 'rowspan'], td: ['colspan', 'rowspan'] },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    a: (tagName, attribs) => {
      const { target, ...rest } = attribs
      // A link that opens a new tab must not hand the new page a handle on ours.
      return target === '_blank' ? { tagName, attribs: { ...rest, target, rel: 'noopener noreferrer' } } : { tagName, attribs: rest }
    },
  },
}

/**
 * Uploads and relationships inside the text would need their documents loaded; published
 * articles carry images in their own fields, so these nodes are left out rather than half drawn.
 */
const converters: HTMLConverters = {
  ...defaultHTMLConverters,
  upload: () => '',
  relationship: () => '',
  unknown: () => '',
}

export function sanitizePublishedHtml(html: string): string {
  return sanitizeHtml(html, PUBLISHED_HTML)
}

/** Escapes plain text (a term, an explanation) for use inside published HTML. */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

export interface RenderedRichText {
  html: string
  text: string
}

export function renderRichText(value: RichTextValue | null | undefined): RenderedRichText {
  if (!value || typeof value !== 'object' || !('root' in value)) return { html: '', text: '' }
  const html = sanitizePublishedHtml(convertLexicalToHTML({ data: value, converters, disableContainer: true, disableIndent: true, disableTextAlign: true }))
  const text = convertLexicalToPlaintext({ data: value }).replace(/\n{3,}/g, '\n\n').trim()
  return { html, text }
}
