import type { MatrixRow, Outcome, Role } from '../accessMatrix'
import { NONEXISTENT_ID } from './builders'
import type { ApiSurface, Attempt } from './surfaces'

/**
 * What the matrix knows of one collection on one server: records to read, change and delete, and
 * the data for a create. Made once per test file, as the admin (or the server itself).
 */
export interface CollectionFixture {
  /** Fresh data for one create attempt, as the surface spells it (GraphQL enums cannot hold dots). Without it an empty document is sent: access is checked first. */
  createData?: (surface: ApiSurface['name']) => Record<string, unknown>
  /** Upload collections: the file sent with a create. */
  file?: Buffer
  /** Versioned collections are written as drafts, as people must. */
  drafts?: boolean
  /** Records every reader who may read at all sees (published articles, active doctors). */
  publicIds?: string[]
  /** Records only full readers see (drafts, inactive doctors, other people's accounts). */
  privateIds?: string[]
  /** Per-person collections: each role's own record. */
  ownIds?: Partial<Record<Role, string>>
  /** An existing record an update attempt changes (someone else's, for per-person collections). */
  updateTarget?: string | ((role: Role) => string)
  updateData?: Record<string, unknown>
  /** Localized collections: an update is tried in hi, ta and en, to tell a translator's languages. */
  localized?: boolean
  /** A fresh record for one delete attempt, and the role's own one for per-person collections. */
  throwaway?: (role: Role) => Promise<{ other: string; own?: string }>
  /** Per-person collections: the owner of a record as a surface returns it. */
  ownerOf?: (doc: Record<string, any>) => string | undefined
}

export interface MatrixWorld {
  userIds: Partial<Record<Role, string>>
  fixtures: Record<string, CollectionFixture>
  /** An account an unlock attempt targets. */
  unlockEmail: string
  globalUpdates: Record<string, Record<string, unknown>>
}

/** An observation the matrix has no letter for: the test shows it next to the expected letter. */
export type Observed = Outcome | `unexpected: ${string}`

const unexpected = (what: string, attempt: Attempt): Observed => `unexpected: ${what} answered ${attempt.verdict} ${attempt.status} ${attempt.detail}`

const refused = (attempt: Attempt) => attempt.verdict === 'denied'
const refusedOrHidden = (attempt: Attempt) => attempt.verdict === 'denied' || attempt.verdict === 'missing'

async function observeCreate(surface: ApiSurface, collection: string, fixture: CollectionFixture, world: MatrixWorld, role: Role): Promise<Observed> {
  const attempt = await surface.create(role, collection, fixture.createData?.(surface.name) ?? {}, { draft: fixture.drafts, file: fixture.file })
  if (refused(attempt)) return 'D'
  // GraphQL cannot carry a file: a create that reaches the missing file has passed the access check.
  if (surface.name === 'graphql' && fixture.file && attempt.verdict === 'invalid' && /No files were uploaded/.test(attempt.detail)) return 'A'
  if (attempt.verdict !== 'ok') return unexpected('create', attempt)
  if (!fixture.ownerOf) return 'A'
  return fixture.ownerOf(attempt.doc ?? {}) === world.userIds[role] ? 'O' : 'A'
}

async function observeRead(surface: ApiSurface, collection: string, fixture: CollectionFixture, world: MatrixWorld, role: Role): Promise<Observed> {
  const list = await surface.find(role, collection, { draft: fixture.drafts })
  const own = fixture.ownIds?.[role]
  const publicIds = fixture.publicIds ?? []
  const privateIds = (fixture.privateIds ?? []).filter((id) => id !== own)
  const probe = privateIds[0] ?? publicIds[0]
  const byId = probe ? await surface.findByID(role, collection, probe, { draft: fixture.drafts }) : null
  if (refused(list)) return byId === null || refusedOrHidden(byId) ? 'D' : unexpected('a read by id after a refused list', byId)
  if (list.verdict !== 'ok') return unexpected('list', list)
  const seen = new Set((list.docs ?? []).map((doc) => String(doc.id)))
  const seesAllPublic = publicIds.every((id) => seen.has(id))
  const seesPrivate = privateIds.filter((id) => seen.has(id))
  if (seesAllPublic && seesPrivate.length === privateIds.length) {
    return byId === null || byId.verdict === 'ok' ? 'A' : unexpected('a read by id of a listed record', byId)
  }
  if (seesPrivate.length > 0) return `unexpected: the list shows some private records (${seesPrivate.join(', ')}) and not others`
  if (fixture.ownIds && own && seen.has(own)) return byId && refusedOrHidden(byId) ? 'O' : unexpected('a read by id of another person’s record', byId ?? list)
  if (publicIds.length > 0 && seesAllPublic) return byId && refusedOrHidden(byId) ? 'P' : unexpected('a read by id of a private record', byId ?? list)
  return `unexpected: the list shows ${[...seen].join(', ') || 'nothing'}`
}

async function observeUpdate(surface: ApiSurface, collection: string, fixture: CollectionFixture, world: MatrixWorld, role: Role): Promise<Observed> {
  const data = fixture.updateData ?? {}
  const target = (typeof fixture.updateTarget === 'function' ? fixture.updateTarget(role) : fixture.updateTarget) ?? NONEXISTENT_ID
  // A record that does not exist answers 404 only after access was granted.
  const passed = (attempt: Attempt) => attempt.verdict === 'ok' || (!fixture.updateTarget && attempt.verdict === 'missing')
  const blocked = (attempt: Attempt) => refused(attempt) || (Boolean(fixture.updateTarget) && attempt.verdict === 'missing')
  if (fixture.localized) {
    // One after another: concurrent writes of one record's locales race in the database.
    const attempts: Attempt[] = []
    for (const locale of ['hi', 'ta', 'en']) attempts.push(await surface.update(role, collection, target, data, { draft: fixture.drafts, locale }))
    const [hi, ta, en] = attempts
    if (attempts.every(passed)) return 'A'
    if (passed(hi) && blocked(ta) && blocked(en)) return 'L'
    if (blocked(hi) && blocked(ta) && passed(en)) return 'S'
    if (attempts.every(blocked)) return 'D'
    return unexpected(`update in hi/ta/en (${attempts.map((attempt) => attempt.status).join('/')})`, attempts.find((attempt) => !passed(attempt) && !blocked(attempt)) ?? hi)
  }
  const other = await surface.update(role, collection, target, data, { draft: fixture.drafts })
  const ownId = fixture.ownIds?.[role]
  const own = ownId ? await surface.update(role, collection, ownId, data, { draft: fixture.drafts }) : null
  if (passed(other) && (own === null || passed(own))) return 'A'
  if (blocked(other) && own && passed(own)) return 'O'
  if (blocked(other) && (own === null || blocked(own))) return 'D'
  return unexpected('update', own && !passed(own) && !blocked(own) ? own : other)
}

async function observeDelete(surface: ApiSurface, collection: string, fixture: CollectionFixture, world: MatrixWorld, role: Role): Promise<Observed> {
  const targets = fixture.throwaway ? await fixture.throwaway(role) : { other: NONEXISTENT_ID }
  const passed = (attempt: Attempt) => attempt.verdict === 'ok' || (!fixture.throwaway && attempt.verdict === 'missing')
  const blocked = (attempt: Attempt) => refused(attempt) || (Boolean(fixture.throwaway) && attempt.verdict === 'missing')
  const other = await surface.delete(role, collection, targets.other)
  const own = targets.own ? await surface.delete(role, collection, targets.own) : null
  if (passed(other) && (own === null || passed(own))) return 'A'
  if (blocked(other) && own && passed(own)) return 'O'
  if (blocked(other) && (own === null || blocked(own))) return 'D'
  return unexpected('delete', own && !passed(own) && !blocked(own) ? own : other)
}

const byVerdict = (what: string, attempt: Attempt): Observed => (attempt.verdict === 'ok' ? 'A' : refused(attempt) ? 'D' : unexpected(what, attempt))

/** What one role gets for one operation row (not a custom endpoint) through one surface. */
export async function observe(surface: ApiSurface, row: MatrixRow, world: MatrixWorld, role: Role): Promise<Observed> {
  if (row.target.startsWith('globals/')) {
    const slug = row.target.slice('globals/'.length)
    if (row.operation === 'read') return byVerdict('read', await surface.findGlobal(role, slug))
    return byVerdict('update', await surface.updateGlobal(role, slug, world.globalUpdates[slug] ?? {}))
  }
  const fixture = world.fixtures[row.target] ?? {}
  switch (row.operation) {
    case 'create':
      return observeCreate(surface, row.target, fixture, world, role)
    case 'read':
      return observeRead(surface, row.target, fixture, world, role)
    case 'update':
      return observeUpdate(surface, row.target, fixture, world, role)
    case 'delete':
      return observeDelete(surface, row.target, fixture, world, role)
    case 'readVersions':
      return byVerdict('findVersions', await surface.findVersions(role, row.target))
    case 'unlock':
      return byVerdict('unlock', await surface.unlock(role, row.target, world.unlockEmail))
    default:
      throw new Error(`${row.operation} is a custom endpoint; it has its own probe`)
  }
}
