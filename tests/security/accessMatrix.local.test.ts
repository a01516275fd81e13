import type { Payload } from 'payload'

import { seedLibrary } from '../../src/seed/seedLibrary'
import { startPayload, stopPayload, type TestLibrary } from '../support/payload'
import { ACCESS_MATRIX, PAYLOAD_BUILT_IN_ENDPOINTS, ROLES, type MatrixRow, type Role } from './accessMatrix'
import {
  articleData,
  contentFixtures,
  lockedDocumentData,
  pngImage,
  preferenceData,
  systemRecordData,
  unique,
  userData,
  webhookEndpointData,
} from './support/builders'
import { observe, type MatrixWorld, type Observed } from './support/probes'
import { localSurface, type ApiSurface } from './support/surfaces'

const SEEDED: Partial<Record<Role, string>> = {
  translatorHi: 'translator.hi@vitalpress.example',
  reviewerHi: 'reviewer@vitalpress.example',
  editor: 'editor@vitalpress.example',
  admin: 'admin@vitalpress.example',
}

let library: TestLibrary
let payload: Payload
let world: MatrixWorld
let surface: ApiSurface
const users: Partial<Record<Role, Record<string, unknown>>> = {}

/** The server's own writes, which set up what the matrix works on. */
const system = {
  create: async (collection: string, data: Record<string, unknown>, options: { draft?: boolean; file?: Buffer; user?: Record<string, unknown> } = {}) => {
    const doc = await (payload as any).create({
      collection,
      data,
      draft: options.draft,
      overrideAccess: true,
      depth: 0,
      ...(options.user ? { user: options.user } : {}),
      ...(options.file ? { file: { data: options.file, name: `matrix-${unique()}.png`, mimetype: 'image/png', size: options.file.length } } : {}),
    })
    return String(doc.id)
  },
  first: async (collection: string, where: Record<string, unknown> = {}) => String((await (payload as any).find({ collection, where, limit: 1, depth: 0, overrideAccess: true })).docs[0].id),
}

beforeAll(async () => {
  library = await startPayload('access-matrix-local')
  payload = library.payload
  await seedLibrary(payload)
  const userIds: MatrixWorld['userIds'] = {}
  for (const [role, email] of Object.entries(SEEDED) as [Role, string][]) {
    const found = await payload.find({ collection: 'users', where: { email: { equals: email } }, limit: 1, depth: 0, overrideAccess: true })
    users[role] = { ...found.docs[0], collection: 'users' }
    userIds[role] = String(found.docs[0].id)
  }

  const specialty = await system.first('specialties', { slug: { equals: 'orthopaedics' } })
  const clinic = await system.first('clinics')
  const published = await system.first('articles', { slug: { equals: 'bone-metastases' } })
  const activeDoctor = await system.first('doctors')
  const draft = await system.create('articles', articleData(specialty), { draft: true })
  const otherUser = await system.create('users', userData())
  const lockUser = userData()
  await system.create('users', lockUser)
  const webhookEndpoint = await system.create('webhook-endpoints', webhookEndpointData())
  const image = await pngImage()
  const preferences = {} as Record<string, string>
  for (const role of Object.keys(SEEDED) as Role[]) preferences[role] = await system.create('payload-preferences', { key: `matrix-${role}`, value: {} }, { user: users[role] })
  const systemRecords = systemRecordData('local', { article: published, webhookEndpoint })
  const systemCollection = (slug: string) => ({ createData: () => systemRecords[slug]() })

  world = {
    userIds,
    unlockEmail: lockUser.email,
    globalUpdates: { 'webhook-settings': { allowPrivateAddresses: false } },
    fixtures: {
      ...(await contentFixtures((collection, data, options) => system.create(collection, data, options), { specialty, clinic, published, draft, activeDoctor })),
      media: {
        createData: () => ({ alt: 'A matrix image' }),
        file: image,
        localized: true,
        publicIds: [await system.create('media', { alt: 'A matrix image' }, { file: image })],
        updateTarget: await system.create('media', { alt: 'A matrix image' }, { file: image }),
        updateData: { alt: 'A matrix image, described again' },
        throwaway: async () => ({ other: await system.create('media', { alt: 'A matrix image' }, { file: image }) }),
      },
      users: {
        createData: () => userData(),
        ownIds: userIds,
        privateIds: [otherUser],
        updateTarget: otherUser,
        updateData: { name: `Matrix ${unique()}` },
        throwaway: async () => ({ other: await system.create('users', userData()) }),
      },
      'workflow-events': systemCollection('workflow-events'),
      'article-translations': systemCollection('article-translations'),
      'newsletter-sends': systemCollection('newsletter-sends'),
      'newsletter-deliveries': systemCollection('newsletter-deliveries'),
      'webhook-deliveries': systemCollection('webhook-deliveries'),
      leases: systemCollection('leases'),
      'payload-kv': systemCollection('payload-kv'),
      subscribers: {
        ...systemCollection('subscribers'),
        privateIds: [await system.create('subscribers', systemRecords.subscribers())],
        updateTarget: await system.create('subscribers', systemRecords.subscribers()),
        updateData: { language: 'hi' },
        throwaway: async () => ({ other: await system.create('subscribers', systemRecords.subscribers()) }),
      },
      'webhook-endpoints': {
        createData: webhookEndpointData,
        updateTarget: await system.create('webhook-endpoints', webhookEndpointData()),
        updateData: { name: `Matrix site ${unique()}` },
        throwaway: async () => ({ other: await system.create('webhook-endpoints', webhookEndpointData()) }),
      },
      'payload-locked-documents': {
        createData: () => lockedDocumentData(clinic, userIds.admin as string),
        updateTarget: await system.create('payload-locked-documents', lockedDocumentData(clinic, userIds.admin as string)),
        updateData: { globalSlug: null },
        throwaway: async () => ({ other: await system.create('payload-locked-documents', lockedDocumentData(clinic, userIds.admin as string)) }),
      },
      'payload-preferences': {
        createData: () => preferenceData(userIds.admin as string),
        ownerOf: (doc) => {
          const value = doc.user?.value
          return value && typeof value === 'object' ? String(value.id) : value ? String(value) : undefined
        },
        ownIds: preferences,
        privateIds: [preferences.admin, preferences.editor],
        updateTarget: (role) => (role === 'admin' ? preferences.editor : preferences.admin),
        updateData: { value: { columns: ['title'] } },
        throwaway: async (role) => ({
          other: await system.create('payload-preferences', { key: `matrix-${unique()}`, value: {} }, { user: users[role === 'admin' ? 'editor' : 'admin'] }),
          ...(users[role] ? { own: await system.create('payload-preferences', { key: `matrix-${unique()}`, value: {} }, { user: users[role] }) } : {}),
        }),
      },
    },
  }
  // Readers and subscribers have no account: the Local API acts for nobody.
  surface = localSurface(payload, (role) => users[role])
})

afterAll(() => stopPayload(library))

const label = (row: MatrixRow) => `${row.target} ${row.operation}`

describe('the access matrix through the Local API with overrideAccess: false', () => {
  const rows = ACCESS_MATRIX.filter((row) => row.surfaces.includes('local'))

  it('when the config is read, then every collection and global has its rows in the matrix, and only articles keep versions', () => {
    const collections = payload.config.collections.map((collection) => collection.slug).filter((slug) => slug !== 'payload-migrations')
    const targets = new Set(ACCESS_MATRIX.map((row) => row.target))

    expect(collections.filter((slug) => !targets.has(slug))).toEqual([])
    expect(payload.config.globals.map((global) => `globals/${global.slug}`).filter((slug) => !targets.has(slug))).toEqual([])
    expect(payload.config.collections.filter((collection) => collection.versions).map((collection) => collection.slug)).toEqual(['articles'])
  })

  it('when the config is read, then every endpoint that is not one of Payload’s own has a row in the matrix', () => {
    const notBuiltIn = (endpoint: { method: string; path: string }) => !PAYLOAD_BUILT_IN_ENDPOINTS.has(`${endpoint.method} ${endpoint.path}`)
    const custom = [
      ...payload.config.collections.flatMap((collection) =>
        (collection.endpoints || []).filter(notBuiltIn).map((endpoint) => `${collection.slug} ${endpoint.method.toUpperCase()} ${endpoint.path}`),
      ),
      ...(payload.config.endpoints || []).filter(notBuiltIn).map((endpoint) => `api ${endpoint.method.toUpperCase()} ${endpoint.path}`),
      ...payload.config.globals.flatMap((global) => (global.endpoints || []).filter(notBuiltIn).map((endpoint) => `globals/${global.slug} ${endpoint.method.toUpperCase()} ${endpoint.path}`)),
    ]
    const rows = new Set(ACCESS_MATRIX.map(label))

    expect(custom.filter((endpoint) => !rows.has(endpoint))).toEqual([])
  })

  it.each(rows.map((row) => [label(row), row] as const))('when each role tries %s, then each gets exactly what the matrix says', async (_label, row) => {
    const observed = {} as Record<Role, Observed>
    for (const role of ROLES) observed[role] = await observe(surface, row, world, role)

    expect(observed).toEqual(row.expected)
  })
})
