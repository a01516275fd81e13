import {
  commitTransaction,
  createLocalReq,
  initTransaction,
  isolateObjectProperty,
  killTransaction,
  NotFound,
  ValidationError,
  type Payload,
  type PayloadRequest,
} from 'payload'

import { SOURCE_LOCALE } from '../languages/registry'
import type { Article, User } from '../payload-types'
import { WORKFLOW_WRITE } from './access'
import { withArticleLock } from './articleLock'
import { isOwnChange } from './availableActions'
import { lastUpdatedAfterPublish, nextReviewDue } from './reviewDates'
import { WorkflowError } from './errors'
import { latestVersionId, recordWorkflowEvent } from './recordWorkflowEvent'
import { fingerprintSource, type ContentField } from './fingerprint'
import type { WorkflowOptions } from './options'
import { isWorkflowState, lowersChangeKind, type ChangeKind, type WorkflowState } from './states'
import { decideTransition, type TransitionRule } from './transitions'
import type { TransitionRequest } from './transitionRequest'
import { relationId } from '../content/relations'
import { loadLanguages } from '../languages/registry'
import { specialtyReadabilityPolicy } from '../readability/policy'
import { articleReadability } from '../readability/articleText'
import { readabilityAtSubmission } from '../readability/submission'

export interface TransitionArticleArgs {
  payload: Payload
  articleId: string
  request: TransitionRequest
  /** The person asking; their roles decide what they may do. */
  user: User
  /** The incoming request, when there is one, so the transition shares its transaction. */
  req?: PayloadRequest
  options: WorkflowOptions
  /** The moment of the transition; tests pass one to pin dates. */
  now?: Date
}

/** What a transition changed, as the endpoint answers it. */
export interface TransitionResult {
  id: string
  from: WorkflowState
  workflowState: WorkflowState
  changeKind: ChangeKind | null
  revision: number
  clinicalRevision: number | null
  lastUpdated: string | null
  lastReviewed: string | null
  nextReviewDue: string | null
  versionId: string | null
  eventId: string
  /** What went through but the person should know of, such as a text that reads above its specialty's readability target. */
  warnings: TransitionWarning[]
}

/** A warning a transition answers with; `code` is stable, `details` carry the numbers. */
export interface TransitionWarning {
  code: 'READABILITY_ABOVE_TARGET'
  message: string
  details: Record<string, unknown>
}

type ArticleChanges = Partial<Omit<Article, 'id'>> & { _status?: 'draft' | 'published' }

interface TransitionContext {
  req: PayloadRequest
  article: Article
  rule: TransitionRule
  request: TransitionRequest
  user: User
  options: WorkflowOptions
  now: Date
  fields: ContentField[]
}

const stateOf = (article: Article): WorkflowState => (isWorkflowState(article.workflowState) ? article.workflowState : 'draft')

async function loadLatestDraft(req: PayloadRequest, articleId: string, user: User): Promise<Article> {
  try {
    return await req.payload.findByID({
      collection: 'articles',
      id: articleId,
      draft: true,
      depth: 0,
      locale: SOURCE_LOCALE,
      overrideAccess: false,
      user,
      req,
    })
  } catch (error) {
    if (error instanceof NotFound) {
      throw new WorkflowError({ code: 'WORKFLOW_ARTICLE_NOT_FOUND', status: 404, message: `No article has the id "${articleId}", or you may not read it.` })
    }
    throw error
  }
}

function assertTransitionAllowed(from: WorkflowState, to: WorkflowState, user: User): TransitionRule {
  const decision = decideTransition(from, to, user.roles ?? [])
  if (decision.allowed) return decision.rule
  const next = decision.allowedNextStates.length > 0 ? decision.allowedNextStates.map((state) => `"${state}"`).join(', ') : 'no other state'
  if (decision.reason === 'role') {
    const who = decision.rolesForTarget.length > 0 ? `only ${decision.rolesForTarget.join(' or ')}` : 'nobody'
    throw new WorkflowError({
      code: 'WORKFLOW_ROLE_FORBIDDEN',
      status: 403,
      message: `Your role (${(user.roles ?? []).join(', ') || 'none'}) may not move an article to "${to}": ${who} may.`,
      details: { currentState: from, allowedNextStates: decision.allowedNextStates },
    })
  }
  throw new WorkflowError({
    code: 'WORKFLOW_TRANSITION_INVALID',
    status: 409,
    message: `The article is "${from}"; from "${from}" it can move to ${next}, not to "${to}".`,
    details: { currentState: from, allowedNextStates: decision.allowedNextStates },
  })
}

/** A reviewer judges other people's work: not a change they submitted or edited. */
function assertNotOwnChange(article: Article, rule: TransitionRule, user: User): void {
  if (rule.action !== 'approve' && rule.action !== 'requestChanges') return
  if (isOwnChange(article, String(user.id))) {
    throw new WorkflowError({
      code: 'WORKFLOW_OWN_CHANGE',
      status: 403,
      message: 'You edited or submitted this change, so you cannot review it; another reviewer must approve it or ask for changes.',
      details: { currentState: stateOf(article) },
    })
  }
}

/**
 * The kind of the change after this transition: stated on submission (kept from an earlier
 * submission when left out), raised but never lowered by the approving reviewer.
 */
function resolveChangeKind(article: Article, rule: TransitionRule, request: TransitionRequest): ChangeKind | null {
  const current = (article.changeKind ?? null) as ChangeKind | null
  if (rule.action === 'submit') {
    const kind = request.changeKind ?? current
    if (!kind) {
      throw new WorkflowError({
        code: 'WORKFLOW_CHANGE_KIND_REQUIRED',
        status: 400,
        message: 'Say what kind of change this is: "changeKind" is "clinical" (meaning changed), "editorial" (wording) or "cosmetic" (typo, layout).',
        details: { currentState: stateOf(article) },
      })
    }
    return kind
  }
  if (rule.action === 'approve' && request.changeKind) {
    if (lowersChangeKind(current, request.changeKind)) {
      throw new WorkflowError({
        code: 'WORKFLOW_CHANGE_KIND_LOWERED',
        status: 409,
        message: `The change was submitted as "${current}"; a reviewer may raise its kind but not lower it to "${request.changeKind}". Ask for changes if the editor should resubmit it differently.`,
        details: { currentState: stateOf(article), changeKind: current },
      })
    }
    return request.changeKind
  }
  return current
}

/** Readers are told what a clinical change changed: a note of its own, not the previous one's. */
async function assertChangelogNote(context: TransitionContext, kind: ChangeKind | null): Promise<void> {
  const { article, rule, req } = context
  if (kind !== 'clinical' || (rule.action !== 'submit' && rule.action !== 'approve')) return
  const note = article.changelogNote?.trim()
  if (!note) {
    throw new WorkflowError({
      code: 'WORKFLOW_CHANGELOG_NOTE_REQUIRED',
      status: 409,
      message: 'A clinical change needs a changelog note for readers (in English) saying what changed; write it in "Changelog note", save the draft, then try again.',
      details: { currentState: stateOf(article) },
    })
  }
  if ((article.revision ?? 0) === 0) return
  const live = await req.payload.findByID({ collection: 'articles', id: article.id, draft: false, depth: 0, locale: SOURCE_LOCALE, overrideAccess: true, req })
  if (live._status === 'published' && live.changelogNote?.trim() === note) {
    throw new WorkflowError({
      code: 'WORKFLOW_CHANGELOG_NOTE_REQUIRED',
      status: 409,
      message: 'The changelog note is still the one published with the previous change; describe this clinical change in "Changelog note", save the draft, then try again.',
      details: { currentState: stateOf(article) },
    })
  }
}

/**
 * A clinical approval vouches for the evidence too: the reviewer confirms the article's references
 * were re-checked, as NHS England's standard for health information asks at every review. An
 * article that cites nothing has nothing to re-check.
 */
function assertReferencesRechecked({ article, rule, request }: TransitionContext, kind: ChangeKind | null): void {
  if (rule.action !== 'approve' || kind !== 'clinical' || request.referencesChecked) return
  const cited = (article.references ?? []).length
  if (cited === 0) return
  throw new WorkflowError({
    code: 'WORKFLOW_REFERENCES_UNCHECKED',
    status: 409,
    message: `This clinical change cites ${cited} reference${cited === 1 ? '' : 's'}; re-check each one (does it still say what the article says, is it still current?), then approve with "referencesChecked": true.`,
    details: { currentState: stateOf(article), references: cited },
  })
}

/**
 * A submission is held to the readability target of the article's specialty: the English text it
 * submits is scored, and a grade above the target blocks the submission when the specialty says
 * so, or goes through with a warning for the editor.
 */
async function assessReadability({ req, article, rule }: TransitionContext): Promise<TransitionWarning[]> {
  if (rule.action !== 'submit') return []
  const language = loadLanguages().find((entry) => entry.code === SOURCE_LOCALE) ?? { code: SOURCE_LOCALE, name: SOURCE_LOCALE }
  const policy = await specialtyReadabilityPolicy(req.payload, article.specialty, req)
  const finding = readabilityAtSubmission(articleReadability(SOURCE_LOCALE, article), policy, language)
  if (!finding) return []
  if (finding.mode === 'block') {
    throw new WorkflowError({
      code: 'WORKFLOW_READABILITY_ABOVE_TARGET',
      status: 409,
      message: finding.message,
      details: { currentState: stateOf(article), ...finding.details },
    })
  }
  return [{ code: 'READABILITY_ABOVE_TARGET', message: finding.message, details: finding.details }]
}

async function reviewIntervalMonths({ req, article, options }: TransitionContext): Promise<number> {
  const specialtyId = relationId(article.specialty)
  if (!specialtyId) return options.defaultReviewIntervalMonths
  const specialty = await req.payload.findByID({ collection: 'specialties', id: specialtyId, depth: 0, overrideAccess: true, req, disableErrors: true })
  return specialty?.reviewIntervalMonths ?? options.defaultReviewIntervalMonths
}

/** Publishing needs an approval of exactly the content being published. */
function assertApprovalCoversContent(context: TransitionContext): string {
  const fingerprint = fingerprintSource(context.fields, context.article as unknown as Record<string, unknown>)
  if (!context.article.approvedFingerprint || context.article.approvedFingerprint !== fingerprint) {
    throw new WorkflowError({
      code: 'WORKFLOW_APPROVAL_STALE',
      status: 409,
      message: 'The latest draft is not the content the reviewer approved; submit it for review again before publishing.',
      details: { currentState: stateOf(context.article) },
    })
  }
  return fingerprint
}

/** The fields each transition writes, besides the new state. */
async function changesFor(context: TransitionContext, changeKind: ChangeKind | null): Promise<{ changes: ArticleChanges; live: boolean }> {
  const { article, rule, request, user, now } = context
  const note = request.note ?? null
  switch (rule.action) {
    case 'submit':
      return { live: false, changes: { changeKind, submittedBy: user.id, reviewNote: note } }
    case 'approve': {
      const fingerprint = fingerprintSource(context.fields, article as unknown as Record<string, unknown>)
      return {
        live: false,
        changes: {
          changeKind,
          reviewNote: note,
          approvedFingerprint: fingerprint,
          approvedVersionId: await latestVersionId(context.req, String(article.id)),
          lastReviewed: now.toISOString(),
          reviewedBy: user.id,
          nextReviewDue: nextReviewDue(now, await reviewIntervalMonths(context)).toISOString(),
          ...(request.referencesChecked ? { evidenceCheckedOn: now.toISOString() } : {}),
        },
      }
    }
    case 'requestChanges':
      return { live: false, changes: { reviewNote: note } }
    case 'publish': {
      assertApprovalCoversContent(context)
      const kind = changeKind ?? 'clinical'
      const revision = (article.revision ?? 0) + 1
      return {
        live: true,
        changes: {
          _status: 'published',
          reviewNote: note,
          revision,
          clinicalRevision: kind === 'clinical' ? revision : (article.clinicalRevision ?? null),
          lastUpdated: lastUpdatedAfterPublish(kind, article.lastUpdated, now),
          changeAuthors: [],
        },
      }
    }
    case 'unpublish':
    case 'archive':
      return { live: true, changes: { _status: 'draft', reviewNote: note } }
    case 'reopen':
      return { live: false, changes: { changeKind: null, submittedBy: null, changeAuthors: [], reviewNote: note } }
  }
}

async function writeTransition(context: TransitionContext, changes: ArticleChanges, live: boolean): Promise<Article> {
  try {
    return await context.req.payload.update({
      collection: 'articles',
      id: context.article.id,
      data: { ...changes, workflowState: context.rule.to },
      draft: !live,
      depth: 0,
      locale: SOURCE_LOCALE,
      overrideAccess: false,
      user: context.user,
      context: WORKFLOW_WRITE,
      req: context.req,
    })
  } catch (error) {
    if (error instanceof ValidationError) {
      throw new WorkflowError({
        code: 'WORKFLOW_ARTICLE_INVALID',
        status: 409,
        message: `The article cannot go live as it is: ${error.data.errors.map((problem) => `${problem.label ?? problem.path}: ${problem.message}`).join('; ')}. Fix the draft, then submit it again.`,
        details: { currentState: stateOf(context.article), errors: error.data.errors },
      })
    }
    throw error
  }
}

async function runTransition(req: PayloadRequest, args: TransitionArticleArgs): Promise<TransitionResult> {
  const { articleId, request, user, options } = args
  const article = await loadLatestDraft(req, articleId, user)
  const from = stateOf(article)
  const rule = assertTransitionAllowed(from, request.to, user)
  const context: TransitionContext = {
    req,
    article,
    rule,
    request,
    user,
    options,
    now: args.now ?? new Date(),
    fields: req.payload.collections.articles.config.fields as unknown as ContentField[],
  }
  assertNotOwnChange(article, rule, user)
  const changeKind = resolveChangeKind(article, rule, request)
  await assertChangelogNote(context, changeKind)
  assertReferencesRechecked(context, changeKind)
  const warnings = await assessReadability(context)
  const { changes, live } = await changesFor(context, changeKind)
  const saved = await writeTransition(context, changes, live)
  const versionId = await latestVersionId(req, String(saved.id))
  const event = await recordWorkflowEvent(req, {
    article: String(saved.id),
    from,
    to: rule.to,
    changeKind: saved.changeKind,
    note: request.note,
    referencesChecked: rule.action === 'approve' ? request.referencesChecked === true : null,
    actor: String(user.id),
    revision: saved.revision,
    versionId,
  })
  req.payload.logger.info({ event: 'workflow.transition', articleId: saved.id, from, to: rule.to, actor: user.id, revision: saved.revision })
  return {
    id: String(saved.id),
    from,
    workflowState: stateOf(saved),
    changeKind: (saved.changeKind ?? null) as ChangeKind | null,
    revision: saved.revision ?? 0,
    clinicalRevision: saved.clinicalRevision ?? null,
    lastUpdated: saved.lastUpdated ?? null,
    lastReviewed: saved.lastReviewed ?? null,
    nextReviewDue: saved.nextReviewDue ?? null,
    versionId,
    eventId: String(event.id),
    warnings,
  }
}

/**
 * Moves an article's source content to another workflow state for a person, checking every rule
 * on the way: the transition table, self-review, the change kind, the changelog note and, when
 * publishing, that the latest draft is exactly what was approved. The state change, the article
 * version and the audit record are written in one transaction.
 */
export async function transitionArticle(args: TransitionArticleArgs): Promise<TransitionResult> {
  const baseReq = args.req ?? (await createLocalReq({ user: args.user }, args.payload))
  // Nested calls set locale and context on the request they are given; the caller's stay as they were.
  const req = isolateObjectProperty(baseReq, ['locale', 'fallbackLocale', 'context'])
  return withArticleLock(args.articleId, async () => {
    const ownsTransaction = await initTransaction(req)
    try {
      const result = await runTransition(req, args)
      if (ownsTransaction) await commitTransaction(req)
      return result
    } catch (error) {
      if (ownsTransaction) await killTransaction(req)
      throw error
    }
  })
}
