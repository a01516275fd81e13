import { api, login } from '../../support/http'

/** The seed's people, signed in to one running server. */
export interface Staff {
  admin: string
  editor: string
  reviewer: string
  translatorHi: string
  translatorTa: string
}

const STAFF_PASSWORD = 'vitalpress-staff'

export async function signInStaff(baseURL: string): Promise<Staff> {
  return {
    admin: await login(baseURL, 'admin@vitalpress.example', 'vitalpress-admin'),
    editor: await login(baseURL, 'editor@vitalpress.example', STAFF_PASSWORD),
    reviewer: await login(baseURL, 'reviewer@vitalpress.example', STAFF_PASSWORD),
    translatorHi: await login(baseURL, 'translator.hi@vitalpress.example', STAFF_PASSWORD),
    translatorTa: await login(baseURL, 'translator.ta@vitalpress.example', STAFF_PASSWORD),
  }
}

/** Creates a member of staff (as the admin) and signs them in. */
export async function addStaff(baseURL: string, adminToken: string, user: { email: string; roles: string[]; languages: string[] }): Promise<string> {
  const created = await api(baseURL, '/api/users', { token: adminToken, body: { ...user, name: user.email, password: STAFF_PASSWORD } })
  if (created.status !== 201) throw new Error(`Creating ${user.email} failed with ${created.status}: ${JSON.stringify(created.body)}`)
  return login(baseURL, user.email, STAFF_PASSWORD)
}

export interface SeedArticle {
  id: string
  sectionIds: string[]
}

export async function seedArticle(baseURL: string, token: string): Promise<SeedArticle> {
  const found = await api(baseURL, '/api/articles?where[slug][equals]=bone-metastases&draft=true&depth=0', { token })
  const article = found.body.docs[0]
  return { id: article.id, sectionIds: article.sections.map((section: { id: string }) => section.id) }
}

/** The article's latest draft in one locale, without falling back to English. */
export async function readDraft(baseURL: string, token: string, id: string, locale: string) {
  const response = await api(baseURL, `/api/articles/${id}?locale=${locale}&fallback-locale=none&draft=true&depth=0`, { token })
  if (response.status !== 200) throw new Error(`Reading ${id} in ${locale} failed with ${response.status}: ${JSON.stringify(response.body)}`)
  return response.body
}

/** Adds a `<target>` to every unit, made from its `<source>` by `translate` (which gets the source's inner XML). */
export function withTargets(xml: string, translate: (sourceInner: string, unitId: string) => string | null): string {
  return xml.replace(/<unit id="([^"]+)">([\s\S]*?)<\/unit>/g, (unit, id: string) =>
    unit.replace(/<source>([\s\S]*?)<\/source>(\s*<target>[\s\S]*?<\/target>)?/, (_match, inner: string) => {
      const target = translate(inner, id)
      return target === null ? `<source>${inner}</source>` : `<source>${inner}</source><target>${target}</target>`
    }),
  )
}

/** A pretend translation that keeps every inline element: each text run gets a Hindi prefix. */
export const prefixText = (prefix: string) => (inner: string) => inner.replace(/(^|>)([^<]+)/g, (_match, before: string, text: string) => `${before}${prefix}${text}`)

/** Translates the whole article into a locale through the XLIFF endpoint; the translation goes to review. */
export async function translateWhole(baseURL: string, token: string, id: string, locale: string, prefix: string) {
  const exported = await api<string>(baseURL, `/api/articles/${id}/xliff?locale=${locale}`, { token })
  const imported = await api(baseURL, `/api/articles/${id}/xliff`, {
    token,
    rawBody: withTargets(exported.body, prefixText(prefix)),
    headers: { 'Content-Type': 'application/xliff+xml' },
  })
  if (imported.status !== 200) throw new Error(`Importing ${locale} failed with ${imported.status}: ${JSON.stringify(imported.body)}`)
  return imported.body
}

/** Moves a locale's translation (`POST /api/articles/:id/locales/:locale/transition`). */
export const transitionLocale = (baseURL: string, token: string, id: string, locale: string, body: Record<string, unknown>) =>
  api(baseURL, `/api/articles/${id}/locales/${locale}/transition`, { token, body })

export async function translationsOf(baseURL: string, token: string, id: string) {
  const response = await api(baseURL, `/api/articles/${id}/translations`, { token })
  if (response.status !== 200) throw new Error(`Reading translations failed with ${response.status}: ${JSON.stringify(response.body)}`)
  return Object.fromEntries(response.body.locales.map((status: { locale: string }) => [status.locale, status])) as Record<string, any>
}
