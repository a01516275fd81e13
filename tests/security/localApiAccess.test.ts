import path from 'node:path'

import { findLocalApiCalls, localApiCallsInSource, type LocalApiCall } from './support/localApiCalls'

/*
 * Payload's Local API skips access control unless a call passes `overrideAccess: false`, so code
 * acting for a person must say so on every call. The rule this file enforces, on every Local API
 * call (find, findByID, create, update, delete, count, the version and global operations, unlock…)
 * written in `src/` and `collections/`:
 *
 * 1. Every call states `overrideAccess`, as `true` or `false`: nothing relies on the default.
 * 2. A call with `overrideAccess: false` acts for a person and names them: it passes `user`, or the
 *    request (`req`) whose user it is. A public request passes its `req` (with no user in it), or
 *    `user: null` where it has no request at hand.
 * 3. A call with `overrideAccess: true` is a system action: it is made by a function listed below,
 *    with the reason it does not act with the requesting person's rights. System actions are the
 *    server's own bookkeeping (audit records, translation facts, ledgers, locks, the job queue),
 *    reads a rule needs over records the person may not see (slug uniqueness, the approved
 *    content), jobs and command-line work that have no person, and the newsletter's public flows,
 *    where the signed link is the authority. Reads and writes made for a person in an endpoint, a
 *    hook or an admin view are not system actions.
 *
 * The seed (`src/seed/`) and the command-line scripts (`scripts/`) run as the operator with no
 * request, and the generated types and migrations hold no calls; they are not checked.
 */

interface SystemActions {
  file: string
  functions: string[]
  reason: string
}

const SYSTEM_ACTIONS: SystemActions[] = [
  { file: 'src/dashboard/workQueues.ts', functions: ['namesOf'], reason: 'shows the names (only) of colleagues on a dashboard; staff names are printed on published articles anyway' },
  { file: 'src/publishing/admin/PublishLogView.tsx', functions: ['PublishLogView'], reason: 'names (only) of the people in the publish log' },
  { file: 'src/workflow/admin/WorkflowHistory.tsx', functions: ['WorkflowHistory'], reason: 'names (only) of the people in the workflow history' },
  { file: 'src/workflow/reviewDue.ts', functions: ['namesOf'], reason: 'names (only) of reviewers and specialties in the review-due list' },
  { file: 'src/admin/ui/language/adminLanguage.ts', functions: ['readAdminLanguage', 'writeAdminLanguage'], reason: "the signed-in person's own admin-language preference, kept in payload-preferences by the server" },
  { file: 'src/content/slug.ts', functions: ['slugOrUniquenessProblem'], reason: 'a slug must be unique among every article, including drafts the editor cannot see' },
  { file: 'src/database/lease.ts', functions: ['create', 'read', 'release', 'removeExactly', 'renew'], reason: 'leases (the publish lock, newsletter claims): server bookkeeping closed to everyone' },
  { file: 'src/jobs/leases.ts', functions: ['releaseJobsTakenBefore'], reason: 'job-queue bookkeeping; nobody may touch payload-jobs through the API' },
  {
    file: 'src/localization/translationRecords.ts',
    functions: ['findFacts', 'findFactsOfArticles', 'latestVersionId', 'readArticleInAllLocales', 'readHeroAlt'],
    reason: 'the translation workflow reads the article in every locale and its translation records to derive states; every caller acting for a person checks their role and language first (or writes through their access)',
  },
  { file: 'src/localization/recordTranslation.ts', functions: ['recordTranslationWrite'], reason: 'translation facts and their audit events are written by the server only (create/update are closed to everyone)' },
  {
    file: 'src/localization/approvedContent.ts',
    functions: ['backfillApprovedContent', 'readVersionContents'],
    reason: 'reads the texts an approval points at, for the approval itself, for publishing and for the migration that keeps them on the record; article versions are closed to translators and readers',
  },
  { file: 'src/localization/transitionLocale.ts', functions: ['runLocaleTransition'], reason: 'records a translation transition after refuseLocaleTransition checked the person’s role and language' },
  {
    file: 'src/localization/localeTranslationStatus.ts',
    functions: ['translationCoverage'],
    reason: 'the coverage dashboard reads articles and translation records, which every signed-in member of staff may read in full; its endpoint and view admit signed-in staff only',
  },
  {
    file: 'src/newsletter/bounces.ts',
    functions: ['liftSuppression', 'recordDeliveryProblem'],
    reason: 'provider reports (a signed webhook, the mail pipe) have no person; a lift comes through an endpoint that admits admins only; subscribers are written by nobody through the API',
  },
  { file: 'src/newsletter/digestMessages.ts', functions: ['article'], reason: 'newsletter jobs: no request, no person' },
  { file: 'src/newsletter/digests.ts', functions: ['prepare', 'updatesIn'], reason: 'digest jobs and the digest command: no request, no person' },
  { file: 'src/newsletter/messages.ts', functions: ['article'], reason: 'newsletter jobs: no request, no person' },
  { file: 'src/newsletter/preparation.ts', functions: ['prepareFromEvent', 'openFromEvent', 'addPage', 'nextFollowers', 'find'], reason: 'newsletter jobs: no request, no person' },
  { file: 'src/newsletter/release.ts', functions: ['release', 'sendsWaitingFor'], reason: 'newsletter jobs: no request, no person' },
  { file: 'src/newsletter/readiness.ts', functions: ['showsFallback'], reason: 'newsletter jobs: no request, no person' },
  { file: 'src/newsletter/sender.ts', functions: ['markBounced'], reason: 'newsletter jobs: no request, no person' },
  {
    file: 'src/newsletter/sendOperations.ts',
    functions: ['cancelSend', 'listSends', 'loadSend', 'resumeSend'],
    reason: 'send operations shared with the CLI; their endpoints admit admins and editors (the read rule of newsletter-sends) first, and sends are written by the server only',
  },
  {
    file: 'src/newsletter/subscriptions.ts',
    functions: ['confirmSubscription', 'legacyClaim', 'requestSubscription', 'sendConfirmation', 'subscriberFromToken', 'unsubscribe', 'updatePreferences'],
    reason: 'public newsletter flows: the subscribe form and the signed links are the authority, and subscribers are written by nobody through the API',
  },
  { file: 'src/publishing/publishArticle.ts', functions: ['publishAfterWorkflowEvent'], reason: 'publishing jobs: no request, no person' },
  { file: 'src/publishing/publishDirectory.ts', functions: ['publishAfterDirectoryChange'], reason: 'publishing jobs: no request, no person' },
  {
    file: 'src/publishing/libraryReader.ts',
    functions: ['articles', 'countPublished', 'directories', 'images', 'publishedArticleIdsShowing', 'publishedPageAfter'],
    reason: 'publishing jobs: no request, no person',
  },
  { file: 'src/publishing/translationStatus.ts', functions: ['load'], reason: 'publishing jobs: no request, no person; the reader view reads the same records to serve what publishing serves' },
  {
    file: 'src/publishing/readerView.ts',
    functions: ['serveApprovedTexts'],
    reason: 'serves readers the approved texts of an article they may read: it reads the published source and the translation records, which readers may not read themselves',
  },
  {
    file: 'src/readability/policy.ts',
    functions: ['specialtyReadabilityPolicy'],
    reason: "a specialty's readability target applies whoever submits, reviews or translates (specialties are readable by staff; the target is no secret)",
  },
  { file: 'src/webhooks/deliveryAttempt.ts', functions: ['deliverOnce'], reason: 'webhook jobs: no request, no person (they read the write-only secret to sign)' },
  { file: 'src/webhooks/dispatchEvent.ts', functions: ['dispatchEvent'], reason: 'webhook jobs: no request, no person' },
  { file: 'src/webhooks/redeliver.ts', functions: ['redeliverEndpoint'], reason: "restarts a delivery after reading it with the admin's own access; deliveries are written by the server only" },
  { file: 'src/webhooks/secret.ts', functions: ['rotateSecretEndpoint'], reason: "writes the write-only secret after reading the endpoint with the admin's own access" },
  { file: 'src/webhooks/settings.ts', functions: ['privateAddressesAllowed'], reason: 'the address policy reads its setting whoever saves an endpoint and when a job delivers' },
  { file: 'src/workflow/recordWorkflowEvent.ts', functions: ['latestVersionId', 'recordWorkflowEvent'], reason: 'the audit trail is written by the server only; version ids are read to record them' },
  { file: 'src/workflow/hooks/trackSourceEdits.ts', functions: ['sourceLanguageDraft'], reason: 'fingerprints the source content under a translator’s save, which they may not write but the rule must compare' },
  { file: 'src/workflow/audit/exportAudit.ts', functions: ['exportAudit'], reason: 'the command-line export runs on the server for no person (the endpoint reads as the signed-in member of staff); names (only) of the people in the trail' },
  {
    file: 'src/workflow/transitionArticle.ts',
    functions: ['assertChangelogNote', 'reviewIntervalMonths'],
    reason: 'rules of a transition read the live version and the specialty’s interval, whatever the person may read',
  },
]

const ROOT = path.resolve('.')
const NOT_REQUEST_CODE = (file: string) => file === 'src/payload-types.ts' || file.startsWith('src/migrations/') || file.startsWith('src/seed/')

const where = (call: LocalApiCall) => `${call.file}:${call.line} ${call.within}() payload.${call.operation}`
const isSystemAction = (call: LocalApiCall) => SYSTEM_ACTIONS.some((entry) => entry.file === call.file && entry.functions.includes(call.within))

describe('Local API calls made for a request check that person’s access', () => {
  const calls = findLocalApiCalls(ROOT, ['src', 'collections'], NOT_REQUEST_CODE)

  it('when the source is scanned, then it finds the calls of every concern (the scan itself works)', () => {
    const files = new Set(calls.map((call) => call.file.split('/').slice(0, 2).join('/')))

    expect(calls.length).toBeGreaterThan(100)
    expect([...files]).toEqual(expect.arrayContaining(['src/workflow', 'src/localization', 'src/newsletter', 'src/publishing', 'src/webhooks']))
  })

  it('when a call leaves overrideAccess out, passes false without a person, or passes true outside a listed system action, then the scan reports it', () => {
    const source = `
      export const handler = async (req) => {
        await req.payload.find({ collection: 'subscribers' })
        await req.payload.find({ collection: 'subscribers', overrideAccess: false })
        await req.payload.update({ collection: 'articles', id, data, overrideAccess: true, req })
        await req.payload.find({ collection: 'articles', overrideAccess: false, user: req.user })
      }`

    const [omitted, anonymous, system, forThePerson] = localApiCallsInSource(source, 'src/example.ts')

    expect(omitted.overrideAccess).toBeNull()
    expect(anonymous).toMatchObject({ overrideAccess: 'false', actsForSomeone: false })
    expect(isSystemAction(system)).toBe(false)
    expect(forThePerson).toMatchObject({ overrideAccess: 'false', actsForSomeone: true, within: 'handler' })
  })

  it('when any Local API call is written, then it states overrideAccess as true or false', () => {
    const unstated = calls.filter((call) => call.opaqueArguments || (call.overrideAccess !== 'true' && call.overrideAccess !== 'false')).map(where)

    expect(unstated).toEqual([])
  })

  it('when a call checks access, then it names the person it acts for (user, or the request carrying them)', () => {
    const nameless = calls.filter((call) => call.overrideAccess === 'false' && !call.actsForSomeone).map(where)

    expect(nameless).toEqual([])
  })

  it('when a call skips access control, then it is one of the listed system actions, each with its reason', () => {
    const unlisted = calls.filter((call) => call.overrideAccess === 'true' && !isSystemAction(call)).map(where)

    expect(unlisted).toEqual([])
  })

  it('when a system action is listed, then the code still has it (the list names nothing that is gone)', () => {
    const stale = SYSTEM_ACTIONS.flatMap((entry) =>
      entry.functions
        .filter((name) => !calls.some((call) => call.file === entry.file && call.within === name && call.overrideAccess === 'true'))
        .map((name) => `${entry.file}#${name}`),
    )

    expect(stale).toEqual([])
  })
})
