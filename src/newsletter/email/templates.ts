import mjml2html from 'mjml'

import type { EmailTexts } from './texts'
import { escapeHtml, plainText } from './markup'

/** Stands for each recipient's own unsubscribe address until `personalize` fills it in. */
export const UNSUBSCRIBE_URL_SLOT = '%%UNSUBSCRIBE_URL%%'
/** Stands for each recipient's own preferences page until `personalize` fills it in. */
export const PREFERENCES_URL_SLOT = '%%PREFERENCES_URL%%'

export interface RenderedEmail {
  subject: string
  html: string
  text: string
}

export interface UpdateEmailContent {
  changeKind: 'clinical' | 'editorial'
  title: string
  changelogNote: string | null | undefined
  lastUpdated: string | null | undefined
  articleUrl: string
  /** The subscriber's language, when the email is written in its fallback because the translation is late. */
  lateLanguage?: string
}

const COLORS = { text: '#1f2933', muted: '#52606d', accent: '#0b6e4f', notice: '#fff4e5' }

/**
 * The one top-level heading of an email: screen readers jump to it, so the email's subject is a
 * heading and not only a large line of text.
 */
function heading(text: string): string {
  return `<mj-text><h1 style="margin:0;font-size:22px;line-height:1.3;font-weight:700">${escapeHtml(text)}</h1></mj-text>`
}

function layout(texts: EmailTexts, preheader: string, body: string, footer: string): string {
  const { language } = texts
  return `<mjml lang="${language.code}" dir="${language.dir}">
  <mj-head>
    <mj-title>${escapeHtml(texts.t('library'))}</mj-title>
    <mj-preview>${escapeHtml(preheader)}</mj-preview>
    <mj-attributes>
      <mj-all font-family="-apple-system, 'Segoe UI', 'Noto Sans', Arial, sans-serif" />
      <mj-text color="${COLORS.text}" font-size="16px" line-height="1.5" />
    </mj-attributes>
  </mj-head>
  <mj-body background-color="#f5f7fa">
    <mj-section background-color="#ffffff" padding="24px">
      <mj-column>
        <mj-text font-size="14px" color="${COLORS.accent}" font-weight="600">${escapeHtml(texts.t('library'))}</mj-text>
        ${body}
      </mj-column>
    </mj-section>
    <mj-section padding="16px 24px">
      <mj-column>${footer}</mj-column>
    </mj-section>
  </mj-body>
</mjml>`
}

async function toHtml(source: string): Promise<string> {
  const result = await mjml2html(source, { validationLevel: 'strict', keepComments: false })
  return result.html
}

/** The double opt-in email: one link, nothing else. */
export async function renderConfirmationEmail(texts: EmailTexts, confirmUrl: string, hours: number): Promise<RenderedEmail> {
  const { t } = texts
  const library = t('library')
  const body = `
        ${heading(t('confirmHeading'))}
        <mj-text>${escapeHtml(t('confirmBody', { hours }))}</mj-text>
        <mj-button href="${escapeHtml(confirmUrl)}" background-color="${COLORS.accent}" align="left">${escapeHtml(t('confirmButton'))}</mj-button>
        <mj-text font-size="14px" color="${COLORS.muted}">${escapeHtml(t('confirmIgnore'))}</mj-text>`
  return {
    subject: t('confirmSubject', { library }),
    html: await toHtml(layout(texts, t('confirmPreheader'), body, '')),
    text: [t('confirmHeading'), '', t('confirmBody', { hours }), '', `${t('confirmButton')}: ${confirmUrl}`, '', t('confirmIgnore'), '', `— ${library}`].join('\n'),
  }
}

/**
 * An update email, in `texts`' language, with the unsubscribe address left as a slot: it is
 * rendered once per send and language, and each recipient's copy only fills the slot.
 */
export async function renderUpdateEmail(texts: EmailTexts, content: UpdateEmailContent): Promise<RenderedEmail> {
  const { t } = texts
  const library = t('library')
  const title = plainText(content.title)
  const note = plainText(content.changelogNote)
  const change = t(content.changeKind === 'clinical' ? 'changeClinical' : 'changeEditorial')
  const lastUpdated = content.lastUpdated ? t('site:lastUpdated', { date: texts.displayDate(content.lastUpdated) }) : ''
  const notice = content.lateLanguage
    ? t('fallbackNotice', { language: texts.languageName(content.lateLanguage), fallbackLanguage: texts.languageName(texts.language.code) })
    : ''
  const body = `
        ${notice ? `<mj-text padding="12px" container-background-color="${COLORS.notice}" font-size="14px">${escapeHtml(notice)}</mj-text>` : ''}
        <mj-text font-size="14px" color="${COLORS.muted}">${escapeHtml(t('updateHeading'))}</mj-text>
        ${heading(title)}
        <mj-text>${escapeHtml(change)}</mj-text>
        ${note ? `<mj-text><strong>${escapeHtml(t('whatChanged'))}:</strong> ${escapeHtml(note)}</mj-text>` : ''}
        ${lastUpdated ? `<mj-text font-size="14px" color="${COLORS.muted}">${escapeHtml(lastUpdated)}</mj-text>` : ''}
        <mj-button href="${escapeHtml(content.articleUrl)}" background-color="${COLORS.accent}" align="left">${escapeHtml(t('readArticle'))}</mj-button>`
  const footer = `
        <mj-text font-size="12px" color="${COLORS.muted}">${escapeHtml(t('footerReason', { library }))}</mj-text>
        <mj-text font-size="12px"><a href="${UNSUBSCRIBE_URL_SLOT}" style="color:${COLORS.muted}">${escapeHtml(t('footerUnsubscribe'))}</a></mj-text>`
  const text = [
    ...(notice ? [notice, ''] : []),
    t('updateHeading'),
    '',
    title,
    '',
    change,
    ...(note ? ['', `${t('whatChanged')}: ${note}`] : []),
    ...(lastUpdated ? ['', lastUpdated] : []),
    '',
    `${t('readArticle')}: ${content.articleUrl}`,
    '',
    '--',
    t('footerReason', { library }),
    `${t('footerUnsubscribe')}: ${UNSUBSCRIBE_URL_SLOT}`,
  ].join('\n')
  return {
    subject: t('updateSubject', { title }),
    html: await toHtml(layout(texts, t('updatePreheader', { change }), body, footer)),
    text,
  }
}

/** One update of a digest, as the reader will read it. */
export interface DigestEntry {
  changeKind: 'clinical' | 'editorial'
  title: string
  /** The changelog note, when this entry is the article's latest update (older notes are not kept per revision). */
  changelogNote?: string | null
  /** When the update was published. */
  publishedAt: string
  articleUrl: string
  /** The language the entry's title and linked page are in. */
  contentLanguage: string
  /** True when that is the fallback because the reader's translation is withheld or outdated. */
  late: boolean
}

export interface DigestEmailContent {
  window: 'weekly' | 'monthly'
  /** First day of the window and the first instant after it. */
  start: string
  end: string
  entries: DigestEntry[]
}

/**
 * A weekly or monthly digest, in the reader's language: one entry per update of what they follow,
 * each linking to the page they read (their translation, or the fallback with a notice). The
 * unsubscribe and preferences addresses are left as slots for `personalize`.
 */
export async function renderDigestEmail(texts: EmailTexts, content: DigestEmailContent): Promise<RenderedEmail> {
  const { t } = texts
  const library = t('library')
  const from = texts.displayDate(content.start)
  const to = texts.displayDate(new Date(new Date(content.end).getTime() - 1))
  const subject = t(content.window === 'weekly' ? 'digestSubjectWeekly' : 'digestSubjectMonthly', { from, to })
  const entries = content.entries.map((entry) => {
    const title = plainText(entry.title)
    const note = plainText(entry.changelogNote)
    const notice = entry.late
      ? t('digestLateNotice', { language: texts.languageName(texts.language.code), fallbackLanguage: texts.languageName(entry.contentLanguage) })
      : ''
    return {
      entry,
      title,
      lines: [
        ...(notice ? [notice] : []),
        t(entry.changeKind === 'clinical' ? 'changeClinical' : 'changeEditorial'),
        ...(note ? [`${t('whatChanged')}: ${note}`] : []),
        t('digestUpdatedOn', { date: texts.displayDate(entry.publishedAt) }),
      ],
    }
  })
  const body = `
        ${heading(subject)}
        <mj-text>${escapeHtml(t('digestIntro', { count: content.entries.length, from, to }))}</mj-text>
        ${entries
          .map(
            ({ entry, title, lines }) => `<mj-divider border-width="1px" border-color="#d9e2ec" />
        <mj-text><h2 lang="${escapeHtml(entry.contentLanguage)}" style="margin:0;font-size:18px;line-height:1.3"><a href="${escapeHtml(entry.articleUrl)}" style="color:${COLORS.accent}">${escapeHtml(title)}</a></h2></mj-text>
        ${lines.map((line) => `<mj-text font-size="14px" padding-top="0">${escapeHtml(line)}</mj-text>`).join('\n        ')}`,
          )
          .join('\n        ')}`
  const footer = `
        <mj-text font-size="12px" color="${COLORS.muted}">${escapeHtml(t('footerReason', { library }))}</mj-text>
        <mj-text font-size="12px"><a href="${PREFERENCES_URL_SLOT}" style="color:${COLORS.muted}">${escapeHtml(t('footerPreferences'))}</a> · <a href="${UNSUBSCRIBE_URL_SLOT}" style="color:${COLORS.muted}">${escapeHtml(t('footerUnsubscribeOnly'))}</a></mj-text>`
  const text = [
    subject,
    '',
    t('digestIntro', { count: content.entries.length, from, to }),
    ...entries.flatMap(({ entry, title, lines }) => ['', `* ${title}`, ...lines.map((line) => `  ${line}`), `  ${t('readArticle')}: ${entry.articleUrl}`]),
    '',
    '--',
    t('footerReason', { library }),
    `${t('footerPreferences')}: ${PREFERENCES_URL_SLOT}`,
    `${t('footerUnsubscribeOnly')}: ${UNSUBSCRIBE_URL_SLOT}`,
  ].join('\n')
  return {
    subject,
    html: await toHtml(layout(texts, t('digestPreheader', { count: content.entries.length }), body, footer)),
    text,
  }
}

/** One recipient's copy: the template with their unsubscribe address (and preferences page, for a digest). */
export function personalize(template: RenderedEmail, unsubscribeUrl: string, preferencesUrl = unsubscribeUrl): RenderedEmail {
  const fill = (value: string, escape: (url: string) => string) =>
    value.split(UNSUBSCRIBE_URL_SLOT).join(escape(unsubscribeUrl)).split(PREFERENCES_URL_SLOT).join(escape(preferencesUrl))
  return {
    subject: template.subject,
    html: fill(template.html, escapeHtml),
    text: fill(template.text, (url) => url),
  }
}
