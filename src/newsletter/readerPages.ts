import type { EmailTexts } from './email/texts'
import { escapeHtml } from './email/markup'
import { FREQUENCIES, type Frequency } from './vocabulary'

/** The small pages a reader reaches from an email link: one language, no scripts, no outside assets. */
export function page(texts: EmailTexts, title: string, body: string, status = 200): Response {
  const { language, t } = texts
  const html = `<!doctype html>
<html lang="${language.code}" dir="${language.dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} · ${escapeHtml(t('library'))}</title>
<style>
body{font-family:-apple-system,'Segoe UI','Noto Sans',Arial,sans-serif;color:#1f2933;background:#f5f7fa;margin:0;padding:2rem 1rem}
main{max-width:34rem;margin:0 auto;background:#fff;padding:1.5rem 2rem;border-radius:8px}
h1{font-size:1.4rem}button{background:#0b6e4f;color:#fff;border:0;border-radius:4px;padding:.6rem 1.2rem;font-size:1rem;cursor:pointer}
fieldset{border:1px solid #d9e2ec;border-radius:4px;margin:1rem 0}label{display:block;margin:.3rem 0}.brand{color:#0b6e4f;font-weight:600}
</style>
</head>
<body><main><p class="brand">${escapeHtml(t('library'))}</p><h1>${escapeHtml(title)}</h1>
${body}
</main></body>
</html>`
  return new Response(html, {
    status,
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'" },
  })
}

export const paragraph = (text: string) => `<p>${escapeHtml(text)}</p>`

export interface PreferencesFormInput {
  actionUrl: string
  email: string
  language: string
  frequency: Frequency
  languages: { code: string; name: string }[]
  specialties: { id: string; slug: string; name: string; followed: boolean }[]
}

/** The form that changes language, frequency and topics. */
function preferencesForm(texts: EmailTexts, form: PreferencesFormInput): string {
  const { t } = texts
  const languageOptions = form.languages
    .map((language) => `<label><input type="radio" name="language" value="${escapeHtml(language.code)}"${language.code === form.language ? ' checked' : ''}> ${escapeHtml(language.name)}</label>`)
    .join('\n')
  const topicOptions = form.specialties
    .map((specialty) => `<label><input type="checkbox" name="specialties" value="${escapeHtml(specialty.slug)}"${specialty.followed ? ' checked' : ''}> ${escapeHtml(specialty.name)}</label>`)
    .join('\n')
  const frequencyOptions = FREQUENCIES.map(
    (frequency) => `<label><input type="radio" name="frequency" value="${frequency}"${frequency === form.frequency ? ' checked' : ''}> ${escapeHtml(t(`frequency_${frequency}`))}</label>`,
  ).join('\n')
  return `<form method="post" action="${escapeHtml(form.actionUrl)}">
<fieldset><legend>${escapeHtml(t('pageFrequency'))}</legend>${frequencyOptions}</fieldset>
<fieldset><legend>${escapeHtml(t('pageLanguage'))}</legend>${languageOptions}</fieldset>
<fieldset><legend>${escapeHtml(t('pageTopics'))}</legend>${topicOptions}</fieldset>
<button type="submit">${escapeHtml(t('pageSave'))}</button>
</form>`
}

const unsubscribeForm = (texts: EmailTexts, unsubscribeAction: string) =>
  `<form method="post" action="${escapeHtml(unsubscribeAction)}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">${escapeHtml(texts.t('pageUnsubscribeButton'))}</button></form>`

/** The unsubscribe page: confirm leaving, or change frequency, language and topics instead. */
export function unsubscribePage(texts: EmailTexts, unsubscribeAction: string, form: PreferencesFormInput): Response {
  const { t } = texts
  return page(
    texts,
    t('pageUnsubscribeTitle'),
    `${paragraph(t('pageUnsubscribeQuestion', { email: form.email }))}
${unsubscribeForm(texts, unsubscribeAction)}
<h2>${escapeHtml(t('pagePreferencesHeading'))}</h2>
${preferencesForm(texts, form)}`,
  )
}

/** The preferences page a digest links to: how often, language and topics first, leaving below. */
export function preferencesPage(texts: EmailTexts, unsubscribeAction: string, form: PreferencesFormInput): Response {
  const { t } = texts
  return page(
    texts,
    t('pagePreferencesTitle'),
    `${preferencesForm(texts, form)}
<h2>${escapeHtml(t('pageUnsubscribeTitle'))}</h2>
${paragraph(t('pageUnsubscribeQuestion', { email: form.email }))}
${unsubscribeForm(texts, unsubscribeAction)}`,
  )
}
