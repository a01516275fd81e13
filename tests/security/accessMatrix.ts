/*
 * THE ACCESS MATRIX: who may do what, on every collection and global, through every API surface.
 * One row per (collection or global, operation); one column per role. Every cell is checked by
 * tests/security/accessMatrix.http.test.ts (REST and GraphQL, against the production build) and
 * tests/security/accessMatrix.local.test.ts (the Local API with `overrideAccess: false`).
 *
 * Outcomes:
 *   A  allowed, on every record
 *   D  refused (REST 401/403, GraphQL "not allowed", Local API Forbidden); nothing is done
 *   P  reads only what readers see: published articles, active doctors
 *   O  only the person's own record (their account, their preferences)
 *   L  only in the languages on the person's record (a translator of hi: hi yes, ta and en no)
 *   S  only in the source language (a reviewer: en yes; translations are written by translators)
 *   T  only with the signed token from one's own newsletter email (a subscriber)
 *
 * A custom endpoint is "allowed" when its access check lets the request through: the answer is
 * the endpoint's own (200, or the 404/409/422 of the record's state), never 401 or 403.
 */

export const ROLES = ['anonymous', 'subscriber', 'translatorHi', 'reviewerHi', 'editor', 'admin'] as const
export type Role = (typeof ROLES)[number]

export type Outcome = 'A' | 'D' | 'P' | 'O' | 'L' | 'S' | 'T'
export type Surface = 'rest' | 'graphql' | 'local'

export type Operation =
  | 'create'
  | 'read'
  | 'update'
  | 'delete'
  | 'readVersions'
  | 'unlock'
  /** A custom endpoint, as `METHOD /path` under the collection's (or the API's) route. */
  | `${'GET' | 'POST' | 'DELETE' | 'OPTIONS'} /${string}`

export interface MatrixRow {
  /** A collection slug, `globals/<slug>`, or `api` for endpoints at the API's root. */
  target: string
  operation: Operation
  expected: Record<Role, Outcome>
  /** The surfaces that have the operation; custom endpoints are REST only. */
  surfaces: Surface[]
}

const ALL: Surface[] = ['rest', 'graphql', 'local']
const REST: Surface[] = ['rest']
const KEYED: Surface[] = ['graphql', 'local']

const row = (target: string, operation: Operation, surfaces: Surface[], cells: [Outcome, Outcome, Outcome, Outcome, Outcome, Outcome]): MatrixRow => ({
  target,
  operation,
  surfaces,
  expected: Object.fromEntries(ROLES.map((role, index) => [role, cells[index]])) as Record<Role, Outcome>,
})

// prettier-ignore
export const ACCESS_MATRIX: MatrixRow[] = [
  //   target                      operation                                   surfaces      anon subscr. tr.hi rev.hi editor admin
  row('articles',                 'create',                                    ALL,        ['D', 'D',   'D',  'D',   'A',   'A']),
  row('articles',                 'read',                                      ALL,        ['P', 'P',   'A',  'A',   'A',   'A']),
  row('articles',                 'update',                                    ALL,        ['D', 'D',   'L',  'S',   'A',   'A']),
  row('articles',                 'delete',                                    ALL,        ['D', 'D',   'D',  'D',   'D',   'A']),
  row('articles',                 'readVersions',                              ALL,        ['D', 'D',   'D',  'A',   'A',   'A']),
  row('articles',                 'GET /review-due',                           REST,       ['D', 'D',   'D',  'A',   'A',   'A']),
  row('articles',                 'GET /:id/transition',                       REST,       ['D', 'D',   'A',  'A',   'A',   'A']),
  row('articles',                 'POST /:id/transition',                      REST,       ['D', 'D',   'D',  'D',   'A',   'A']),
  row('articles',                 'GET /:id/translations',                     REST,       ['D', 'D',   'A',  'A',   'A',   'A']),
  row('articles',                 'GET /:id/xliff',                            REST,       ['D', 'D',   'A',  'A',   'A',   'A']),
  row('articles',                 'GET /:id/audit',                            REST,       ['D', 'D',   'A',  'A',   'A',   'A']),
  row('articles',                 'POST /:id/xliff',                           REST,       ['D', 'D',   'L',  'D',   'A',   'A']),
  row('articles',                 'POST /:id/locales/:locale/transition',      REST,       ['D', 'D',   'L',  'L',   'A',   'A']),
  row('articles',                 'POST /:id/locales/:locale/draft',           REST,       ['D', 'D',   'L',  'D',   'A',   'A']),
  row('doctors',                  'create',                                    ALL,        ['D', 'D',   'D',  'D',   'A',   'A']),
  row('doctors',                  'read',                                      ALL,        ['P', 'P',   'A',  'A',   'A',   'A']),
  row('doctors',                  'update',                                    ALL,        ['D', 'D',   'D',  'D',   'A',   'A']),
  row('doctors',                  'delete',                                    ALL,        ['D', 'D',   'D',  'D',   'A',   'A']),
  row('clinics',                  'create',                                    ALL,        ['D', 'D',   'D',  'D',   'A',   'A']),
  row('clinics',                  'read',                                      ALL,        ['A', 'A',   'A',  'A',   'A',   'A']),
  row('clinics',                  'update',                                    ALL,        ['D', 'D',   'D',  'D',   'A',   'A']),
  row('clinics',                  'delete',                                    ALL,        ['D', 'D',   'D',  'D',   'A',   'A']),
  row('specialties',              'create',                                    ALL,        ['D', 'D',   'D',  'D',   'A',   'A']),
  row('specialties',              'read',                                      ALL,        ['A', 'A',   'A',  'A',   'A',   'A']),
  row('specialties',              'update',                                    ALL,        ['D', 'D',   'D',  'D',   'A',   'A']),
  row('specialties',              'delete',                                    ALL,        ['D', 'D',   'D',  'D',   'A',   'A']),
  row('media',                    'create',                                    ALL,        ['D', 'D',   'D',  'A',   'A',   'A']),
  row('media',                    'read',                                      ALL,        ['A', 'A',   'A',  'A',   'A',   'A']),
  row('media',                    'update',                                    ALL,        ['D', 'D',   'L',  'S',   'A',   'A']),
  row('media',                    'delete',                                    ALL,        ['D', 'D',   'D',  'D',   'A',   'A']),
  row('users',                    'create',                                    ALL,        ['D', 'D',   'D',  'D',   'D',   'A']),
  row('users',                    'read',                                      ALL,        ['D', 'D',   'O',  'O',   'O',   'A']),
  row('users',                    'update',                                    ALL,        ['D', 'D',   'O',  'O',   'O',   'A']),
  row('users',                    'delete',                                    ALL,        ['D', 'D',   'D',  'D',   'D',   'A']),
  row('users',                    'unlock',                                    ALL,        ['D', 'D',   'D',  'D',   'D',   'A']),
  row('users',                    'GET /me',                                   REST,       ['D', 'D',   'O',  'O',   'O',   'O']),
  row('users',                    'POST /first-register',                      REST,       ['D', 'D',   'D',  'D',   'D',   'D']),
  row('users',                    'POST /forgot-password',                     REST,       ['A', 'A',   'A',  'A',   'A',   'A']),
  row('workflow-events',          'create',                                    ALL,        ['D', 'D',   'D',  'D',   'D',   'D']),
  row('workflow-events',          'read',                                      ALL,        ['D', 'D',   'A',  'A',   'A',   'A']),
  row('workflow-events',          'update',                                    ALL,        ['D', 'D',   'D',  'D',   'D',   'D']),
  row('workflow-events',          'delete',                                    ALL,        ['D', 'D',   'D',  'D',   'D',   'D']),
  row('article-translations',     'create',                                    ALL,        ['D', 'D',   'D',  'D',   'D',   'D']),
  row('article-translations',     'read',                                      ALL,        ['D', 'D',   'A',  'A',   'A',   'A']),
  row('article-translations',     'update',                                    ALL,        ['D', 'D',   'D',  'D',   'D',   'D']),
  row('article-translations',     'delete',                                    ALL,        ['D', 'D',   'D',  'D',   'D',   'D']),
  row('subscribers',              'create',                                    ALL,        ['D', 'D',   'D',  'D',   'D',   'D']),
  row('subscribers',              'read',                                      ALL,        ['D', 'D',   'D',  'D',   'A',   'A']),
  row('subscribers',              'update',                                    ALL,        ['D', 'D',   'D',  'D',   'A',   'A']),
  row('subscribers',              'delete',                                    ALL,        ['D', 'D',   'D',  'D',   'D',   'A']),
  row('subscribers',              'POST /:id/lift-suppression',                REST,       ['D', 'D',   'D',  'D',   'D',   'A']),
  row('newsletter-sends',         'create',                                    ALL,        ['D', 'D',   'D',  'D',   'D',   'D']),
  row('newsletter-sends',         'read',                                      ALL,        ['D', 'D',   'D',  'D',   'A',   'A']),
  row('newsletter-sends',         'update',                                    ALL,        ['D', 'D',   'D',  'D',   'D',   'D']),
  row('newsletter-sends',         'delete',                                    ALL,        ['D', 'D',   'D',  'D',   'D',   'D']),
  row('newsletter-sends',         'GET /:id/summary',                          REST,       ['D', 'D',   'D',  'D',   'A',   'A']),
  row('newsletter-sends',         'POST /:id/resume',                          REST,       ['D', 'D',   'D',  'D',   'A',   'A']),
  row('newsletter-sends',         'POST /:id/cancel',                          REST,       ['D', 'D',   'D',  'D',   'A',   'A']),
  row('newsletter-sends',         'POST /:id/test-email',                      REST,       ['D', 'D',   'D',  'D',   'A',   'A']),
  row('newsletter-deliveries',    'create',                                    ALL,        ['D', 'D',   'D',  'D',   'D',   'D']),
  row('newsletter-deliveries',    'read',                                      ALL,        ['D', 'D',   'D',  'D',   'A',   'A']),
  row('newsletter-deliveries',    'update',                                    ALL,        ['D', 'D',   'D',  'D',   'D',   'D']),
  row('newsletter-deliveries',    'delete',                                    ALL,        ['D', 'D',   'D',  'D',   'D',   'D']),
  row('webhook-endpoints',        'create',                                    ALL,        ['D', 'D',   'D',  'D',   'D',   'A']),
  row('webhook-endpoints',        'read',                                      ALL,        ['D', 'D',   'D',  'D',   'D',   'A']),
  row('webhook-endpoints',        'update',                                    ALL,        ['D', 'D',   'D',  'D',   'D',   'A']),
  row('webhook-endpoints',        'delete',                                    ALL,        ['D', 'D',   'D',  'D',   'D',   'A']),
  row('webhook-endpoints',        'POST /:id/rotate-secret',                   REST,       ['D', 'D',   'D',  'D',   'D',   'A']),
  row('webhook-deliveries',       'create',                                    ALL,        ['D', 'D',   'D',  'D',   'D',   'D']),
  row('webhook-deliveries',       'read',                                      ALL,        ['D', 'D',   'D',  'D',   'D',   'A']),
  row('webhook-deliveries',       'update',                                    ALL,        ['D', 'D',   'D',  'D',   'D',   'D']),
  row('webhook-deliveries',       'delete',                                    ALL,        ['D', 'D',   'D',  'D',   'D',   'A']),
  row('webhook-deliveries',       'POST /:id/redeliver',                       REST,       ['D', 'D',   'D',  'D',   'D',   'A']),
  row('leases',                   'create',                                    ALL,        ['D', 'D',   'D',  'D',   'D',   'D']),
  row('leases',                   'read',                                      ALL,        ['D', 'D',   'D',  'D',   'D',   'D']),
  row('leases',                   'update',                                    ALL,        ['D', 'D',   'D',  'D',   'D',   'D']),
  row('leases',                   'delete',                                    ALL,        ['D', 'D',   'D',  'D',   'D',   'D']),
  row('payload-jobs',             'create',                                    ALL,        ['D', 'D',   'D',  'D',   'D',   'D']),
  row('payload-jobs',             'read',                                      ALL,        ['D', 'D',   'D',  'D',   'D',   'D']),
  row('payload-jobs',             'update',                                    ALL,        ['D', 'D',   'D',  'D',   'D',   'D']),
  row('payload-jobs',             'delete',                                    ALL,        ['D', 'D',   'D',  'D',   'D',   'D']),
  row('payload-jobs',             'GET /run',                                  REST,       ['D', 'D',   'D',  'D',   'D',   'A']),
  row('payload-jobs',             'GET /handle-schedules',                     REST,       ['D', 'D',   'D',  'D',   'D',   'A']),
  row('payload-kv',               'create',                                    ALL,        ['D', 'D',   'D',  'D',   'D',   'D']),
  row('payload-kv',               'read',                                      ALL,        ['D', 'D',   'D',  'D',   'D',   'D']),
  row('payload-kv',               'update',                                    ALL,        ['D', 'D',   'D',  'D',   'D',   'D']),
  row('payload-kv',               'delete',                                    ALL,        ['D', 'D',   'D',  'D',   'D',   'D']),
  // Payload's own: which document someone is editing. Any member of staff may take over a lock.
  row('payload-locked-documents', 'create',                                    ALL,        ['D', 'D',   'A',  'A',   'A',   'A']),
  row('payload-locked-documents', 'read',                                      ALL,        ['D', 'D',   'A',  'A',   'A',   'A']),
  row('payload-locked-documents', 'update',                                    ALL,        ['D', 'D',   'A',  'A',   'A',   'A']),
  row('payload-locked-documents', 'delete',                                    ALL,        ['D', 'D',   'A',  'A',   'A',   'A']),
  // Payload's own: each person's admin preferences (columns, language); a new one always belongs to its maker.
  row('payload-preferences',      'create',                                    ALL,        ['D', 'D',   'O',  'O',   'O',   'O']),
  // Over REST a preference is addressed by its key (the GET and DELETE /:key rows), which shadows /:id.
  row('payload-preferences',      'read',                                      KEYED,      ['D', 'D',   'O',  'O',   'O',   'O']),
  row('payload-preferences',      'update',                                    ALL,        ['D', 'D',   'O',  'O',   'O',   'O']),
  row('payload-preferences',      'delete',                                    KEYED,      ['D', 'D',   'O',  'O',   'O',   'O']),
  row('payload-preferences',      'GET /:key',                                 REST,       ['D', 'D',   'O',  'O',   'O',   'O']),
  row('payload-preferences',      'DELETE /:key',                              REST,       ['D', 'D',   'O',  'O',   'O',   'O']),
  // Payload's own record of when scheduled jobs last ran (the digests' schedules): admins only, since overwriting it moves a digest window.
  row('globals/payload-jobs-stats', 'read',                                    ALL,        ['D', 'D',   'D',  'D',   'D',   'A']),
  row('globals/payload-jobs-stats', 'update',                                  ALL,        ['D', 'D',   'D',  'D',   'D',   'A']),
  row('globals/webhook-settings', 'read',                                      ALL,        ['D', 'D',   'D',  'D',   'D',   'A']),
  row('globals/webhook-settings', 'update',                                    ALL,        ['D', 'D',   'D',  'D',   'D',   'A']),
  row('api',                      'POST /newsletter/subscribe',                REST,       ['A', 'A',   'A',  'A',   'A',   'A']),
  row('api',                      'GET /newsletter/confirm',                   REST,       ['D', 'T',   'D',  'D',   'D',   'D']),
  row('api',                      'GET /newsletter/unsubscribe',               REST,       ['D', 'T',   'D',  'D',   'D',   'D']),
  row('api',                      'POST /newsletter/unsubscribe',              REST,       ['D', 'T',   'D',  'D',   'D',   'D']),
  row('api',                      'POST /newsletter/preferences',              REST,       ['D', 'T',   'D',  'D',   'D',   'D']),
  // Browser preflights of the public forms: an answer with no data, whoever asks (CORS headers only for allowed origins).
  row('api',                      'GET /newsletter/preferences',               REST,       ['D', 'T',   'D',  'D',   'D',   'D']),
  // Provider reports: only the provider, by the shared secret (Postmark) or a signed message of a configured topic (SES).
  row('api',                      'POST /newsletter/bounces/postmark',         REST,       ['D', 'D',   'D',  'D',   'D',   'D']),
  row('api',                      'POST /newsletter/bounces/ses',              REST,       ['D', 'D',   'D',  'D',   'D',   'D']),
  row('api',                      'OPTIONS /newsletter/subscribe',             REST,       ['A', 'A',   'A',  'A',   'A',   'A']),
  row('api',                      'OPTIONS /newsletter/confirm',               REST,       ['A', 'A',   'A',  'A',   'A',   'A']),
  row('api',                      'OPTIONS /newsletter/unsubscribe',           REST,       ['A', 'A',   'A',  'A',   'A',   'A']),
  row('api',                      'OPTIONS /newsletter/preferences',           REST,       ['A', 'A',   'A',  'A',   'A',   'A']),
  row('api',                      'GET /translations/coverage',                REST,       ['D', 'D',   'A',  'A',   'A',   'A']),
]

/**
 * Collections without an API at all (Payload's migration records): every REST route answers 404
 * and GraphQL has no such type, for everyone.
 */
export const NO_API = ['payload-migrations']

/**
 * Payload's built-in endpoints. Those of the operations (list, read, create, update, delete,
 * versions, unlock) are the operation rows above; the rest are sign-in mechanics open to anyone by
 * design (login, logout, refresh, reset with an emailed token, verification, `init`, `access`),
 * counts and duplicates (the read and create rules), and file serving (the read rule).
 */
export const PAYLOAD_BUILT_IN_ENDPOINTS = new Set([
  'get /count', 'post /', 'delete /', 'delete /:id', 'post /access/:id?', 'get /versions', 'post /:id/duplicate', 'get /', 'get /:id',
  'get /versions/:id', 'post /versions/:id', 'patch /', 'patch /:id',
  'post /forgot-password', 'get /init', 'post /login', 'post /logout', 'get /me', 'post /refresh-token', 'post /first-register',
  'post /reset-password', 'post /unlock', 'post /verify/:id',
  'get /paste-url/:id?', 'get /file/:filename',
  'get /run', 'get /handle-schedules', 'get /:key', 'delete /:key', 'post /:key',
  // The API root's and each global's own: permissions of the person asking, the global itself, its versions.
  'get /access', 'post /access',
])
