import { formatNames, type Payload } from 'payload'

import { api } from '../../support/http'
import type { Role } from '../accessMatrix'

/** How an API surface answered one attempt, whatever its own way of saying it. */
export type Verdict = 'ok' | 'denied' | 'missing' | 'invalid' | 'error'

export interface Attempt {
  verdict: Verdict
  /** The HTTP status (REST), the error's status (GraphQL, Local API), or 200. */
  status: number
  /** The answer, for failure messages. */
  detail: string
  doc?: Record<string, any>
  docs?: Record<string, any>[]
}

export interface ReadOptions {
  draft?: boolean
  locale?: string
}

/** The operations the matrix checks, as each surface performs them for one role. */
export interface ApiSurface {
  name: 'rest' | 'graphql' | 'local'
  find(role: Role, collection: string, options?: ReadOptions): Promise<Attempt>
  findByID(role: Role, collection: string, id: string, options?: ReadOptions): Promise<Attempt>
  create(role: Role, collection: string, data: Record<string, unknown>, options?: ReadOptions & { file?: Buffer }): Promise<Attempt>
  update(role: Role, collection: string, id: string, data: Record<string, unknown>, options?: ReadOptions): Promise<Attempt>
  delete(role: Role, collection: string, id: string): Promise<Attempt>
  findVersions(role: Role, collection: string): Promise<Attempt>
  unlock(role: Role, collection: string, email: string): Promise<Attempt>
  findGlobal(role: Role, slug: string): Promise<Attempt>
  updateGlobal(role: Role, slug: string, data: Record<string, unknown>): Promise<Attempt>
}

export function verdictOf(status: number): Verdict {
  if (status >= 200 && status < 300) return 'ok'
  if (status === 401 || status === 403) return 'denied'
  if (status === 404) return 'missing'
  if (status === 400 || status === 409 || status === 422) return 'invalid'
  return 'error'
}

const query = (options: ReadOptions = {}) => {
  const params = new URLSearchParams({ depth: '0' })
  if (options.draft) params.set('draft', 'true')
  if (options.locale) params.set('locale', options.locale)
  return params.toString()
}

function multipart(data: Record<string, unknown>, file: Buffer): { body: Buffer; contentType: string } {
  const boundary = `----vitalpress${Date.now().toString(16)}`
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="_payload"\r\n\r\n${JSON.stringify(data)}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="matrix.png"\r\nContent-Type: image/png\r\n\r\n`
  return { body: Buffer.concat([Buffer.from(head), file, Buffer.from(`\r\n--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` }
}

/** REST over HTTP; `headersOf(role)` carries the role's session (or a subscriber's token). */
export function restSurface(baseURL: string, headersOf: (role: Role) => Record<string, string>): ApiSurface {
  const call = async (role: Role, pathname: string, options: { method?: string; body?: unknown; raw?: { body: Buffer; contentType: string } } = {}): Promise<Attempt> => {
    let response
    if (options.raw) {
      const answer = await fetch(`${baseURL}${pathname}`, { method: options.method, headers: { ...headersOf(role), 'Content-Type': options.raw.contentType }, body: new Uint8Array(options.raw.body) })
      const text = await answer.text()
      response = { status: answer.status, body: text ? JSON.parse(text) : null }
    } else {
      response = await api(baseURL, pathname, { method: options.method, body: options.body, headers: headersOf(role) })
    }
    const body = response.body ?? {}
    return { verdict: verdictOf(response.status), status: response.status, detail: JSON.stringify(body).slice(0, 300), doc: body.doc ?? body, docs: body.docs }
  }
  return {
    name: 'rest',
    find: (role, collection, options) => call(role, `/api/${collection}?limit=300&${query(options)}`),
    findByID: (role, collection, id, options) => call(role, `/api/${collection}/${id}?${query(options)}`),
    create: (role, collection, data, options = {}) =>
      call(role, `/api/${collection}?${query(options)}`, options.file ? { method: 'POST', raw: multipart(data, options.file) } : { method: 'POST', body: data }),
    update: (role, collection, id, data, options) => call(role, `/api/${collection}/${id}?${query(options)}`, { method: 'PATCH', body: data }),
    delete: (role, collection, id) => call(role, `/api/${collection}/${id}`, { method: 'DELETE' }),
    findVersions: (role, collection) => call(role, `/api/${collection}/versions?limit=5&depth=0`),
    unlock: (role, collection, email) => call(role, `/api/${collection}/unlock`, { method: 'POST', body: { email } }),
    findGlobal: (role, slug) => call(role, `/api/globals/${slug}?depth=0`),
    updateGlobal: (role, slug, data) => call(role, `/api/globals/${slug}`, { method: 'POST', body: data }),
  }
}

/** Payload's GraphQL names: `Article`/`Articles`, and `allMedia` where singular and plural agree. */
function graphQLNames(slug: string): { singular: string; plural: string } {
  const { singular, plural } = formatNames(slug)
  return { singular, plural: singular === plural ? `all${singular}` : plural }
}

/** What a collection's create mutation asks back: its id, and its owner where one is kept. */
const SELECTIONS: Record<string, string> = { 'payload-preferences': 'id user { relationTo value { ... on User { id } } }' }

/** GraphQL over HTTP, one operation per request, with variables for the data. */
export function graphqlSurface(baseURL: string, headersOf: (role: Role) => Record<string, string>, drafts: (collection: string) => boolean): ApiSurface {
  const call = async (role: Role, source: string, field: string, variables: Record<string, unknown> = {}): Promise<Attempt> => {
    const response = await api(baseURL, '/api/graphql', { body: { query: source, variables }, headers: headersOf(role) })
    const error = response.body?.errors?.[0]
    const value = response.body?.data?.[field]
    if (error) {
      const status = Number(error.extensions?.statusCode) || (/not allowed/i.test(error.message) ? 403 : 400)
      return { verdict: verdictOf(status), status, detail: JSON.stringify(error).slice(0, 300) }
    }
    if (response.status !== 200) return { verdict: verdictOf(response.status), status: response.status, detail: JSON.stringify(response.body).slice(0, 300) }
    return { verdict: value === null ? 'missing' : 'ok', status: value === null ? 404 : 200, detail: JSON.stringify(value).slice(0, 300), doc: value, docs: value?.docs }
  }
  const draftArg = (collection: string) => (drafts(collection) ? ', draft: true' : '')
  return {
    name: 'graphql',
    find: (role, collection) => {
      const { plural } = graphQLNames(collection)
      return call(role, `{ ${plural}(limit: 300${draftArg(collection)}) { docs { id } } }`, plural)
    },
    findByID: (role, collection, id) => {
      const { singular } = graphQLNames(collection)
      return call(role, `query($id: String!) { ${singular}(id: $id${draftArg(collection)}) { id } }`, singular, { id })
    },
    create: (role, collection, data) => {
      const { singular } = graphQLNames(collection)
      return call(role, `mutation($data: mutation${singular}Input!) { create${singular}(data: $data${draftArg(collection)}) { ${SELECTIONS[collection] ?? 'id'} } }`, `create${singular}`, { data })
    },
    update: (role, collection, id, data, options = {}) => {
      const { singular } = graphQLNames(collection)
      return call(
        role,
        `mutation($id: String!, $data: mutation${singular}UpdateInput!, $locale: LocaleInputType) { update${singular}(id: $id, data: $data, locale: $locale${draftArg(collection)}) { id } }`,
        `update${singular}`,
        { id, data, locale: options.locale ?? null },
      )
    },
    delete: (role, collection, id) => {
      const { singular } = graphQLNames(collection)
      return call(role, `mutation($id: String!) { delete${singular}(id: $id) { id } }`, `delete${singular}`, { id })
    },
    findVersions: (role, collection) => {
      const { plural } = graphQLNames(collection)
      return call(role, `{ versions${plural}(limit: 5) { docs { id } } }`, `versions${plural}`)
    },
    unlock: (role, collection, email) => {
      const { singular } = graphQLNames(collection)
      return call(role, `mutation($email: String!) { unlock${singular}(email: $email) }`, `unlock${singular}`, { email })
    },
    findGlobal: (role, slug) => {
      const { singular } = graphQLNames(slug)
      return call(role, `{ ${singular} { updatedAt } }`, singular)
    },
    updateGlobal: (role, slug, data) => {
      const { singular } = graphQLNames(slug)
      return call(role, `mutation($data: mutation${singular}Input!) { update${singular}(data: $data) { updatedAt } }`, `update${singular}`, { data })
    },
  }
}

/** The Local API with access control on: `overrideAccess: false` and the role's user (none for the public). */
export function localSurface(payload: Payload, userOf: (role: Role) => Record<string, unknown> | undefined): ApiSurface {
  const attempt = async (work: () => Promise<any>): Promise<Attempt> => {
    try {
      const result = await work()
      return { verdict: 'ok', status: 200, detail: JSON.stringify(result ?? null).slice(0, 300), doc: result, docs: result?.docs }
    } catch (error) {
      const status = Number((error as { status?: number }).status) || 500
      return { verdict: verdictOf(status), status, detail: `${(error as Error).name}: ${(error as Error).message}`.slice(0, 300) }
    }
  }
  const as = (role: Role) => ({ overrideAccess: false, user: userOf(role), depth: 0 }) as const
  const local = payload as any
  return {
    name: 'local',
    find: (role, collection, options = {}) => attempt(() => local.find({ collection, limit: 300, draft: options.draft, locale: options.locale, ...as(role) })),
    findByID: (role, collection, id, options = {}) => attempt(() => local.findByID({ collection, id, draft: options.draft, locale: options.locale, ...as(role) })),
    create: (role, collection, data, options = {}) =>
      attempt(() =>
        local.create({
          collection,
          data,
          draft: options.draft,
          ...(options.file ? { file: { data: options.file, name: 'matrix.png', mimetype: 'image/png', size: options.file.length } } : {}),
          ...as(role),
        }),
      ),
    update: (role, collection, id, data, options = {}) => attempt(() => local.update({ collection, id, data, draft: options.draft, locale: options.locale, ...as(role) })),
    delete: (role, collection, id) => attempt(() => local.delete({ collection, id, ...as(role) })),
    findVersions: (role, collection) => attempt(() => local.findVersions({ collection, limit: 5, ...as(role) })),
    unlock: (role, collection, email) => attempt(() => local.unlock({ collection, data: { email }, overrideAccess: false, user: userOf(role) })),
    findGlobal: (role, slug) => attempt(() => local.findGlobal({ slug, ...as(role) })),
    updateGlobal: (role, slug, data) => attempt(() => local.updateGlobal({ slug, data, ...as(role) })),
  }
}
