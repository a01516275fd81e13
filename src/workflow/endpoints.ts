import { Forbidden, type Endpoint } from 'payload'

import { defineEndpoint } from '../api/endpoint'
import type { Article } from '../payload-types'
import { auditCsv, auditJson, exportAudit } from './audit/exportAudit'
import { availableActions } from './availableActions'
import { WorkflowError } from './errors'
import type { WorkflowOptions } from './options'
import { listReviewsDue } from './reviewDue'
import { transitionArticle } from './transitionArticle'
import { parseTransitionRequest } from './transitionRequest'

const editorialTeam = {
  unauthenticated: { code: 'WORKFLOW_UNAUTHENTICATED', message: 'Sign in first: workflow actions are taken by a member of the editorial team.' },
}

/** Payload's own access refusal of the article's save is the workflow's role refusal, in its words. */
async function refusingInWorkflowTerms<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof Forbidden) throw new WorkflowError({ code: 'WORKFLOW_ROLE_FORBIDDEN', status: 403, message: 'You may not change this article.' })
    throw error
  }
}

/**
 * `POST /api/articles/:id/transition`: moves the article's source content to `to`.
 * 200 with the new state; 400 malformed body; 401 not signed in; 403 not your role or your own
 * change; 404 no such article; 409 not allowed from the current state (or the approval is stale).
 */
export const transitionEndpoint = (options: WorkflowOptions): Endpoint =>
  defineEndpoint({
    path: '/:id/transition',
    method: 'post',
    who: editorialTeam,
    body: {
      as: 'json',
      malformed: (problem) =>
        new WorkflowError({ code: 'WORKFLOW_BODY_INVALID', status: 400, message: `The body is not valid JSON (${problem}); send for example {"to": "in_review", "changeKind": "editorial"}.` }),
    },
    handler: async ({ req, user, body, param }) => {
      const request = parseTransitionRequest(await body(), options)
      return refusingInWorkflowTerms(() => transitionArticle({ payload: req.payload, articleId: param('id'), request, user, req, options }))
    },
  })

/** `GET /api/articles/:id/transition`: the state and the actions the signed-in person may take now. */
export const transitionOptionsEndpoint: Endpoint = defineEndpoint({
  path: '/:id/transition',
  method: 'get',
  who: editorialTeam,
  handler: async ({ req, user, param }) => {
    let article: Article
    try {
      article = await req.payload.findByID({ collection: 'articles', id: param('id'), draft: true, depth: 0, overrideAccess: false, user, req })
    } catch {
      throw new WorkflowError({ code: 'WORKFLOW_ARTICLE_NOT_FOUND', status: 404, message: `No article has the id "${param('id')}", or you may not read it.` })
    }
    return {
      id: article.id,
      workflowState: article.workflowState,
      changeKind: article.changeKind ?? null,
      reviewNote: article.reviewNote ?? null,
      actions: availableActions(article, user),
    }
  },
})

/** `GET /api/articles/review-due`: articles whose review is overdue or due soon, soonest first. */
export const reviewDueEndpoint = (options: WorkflowOptions): Endpoint =>
  defineEndpoint({
    path: '/review-due',
    method: 'get',
    who: editorialTeam,
    handler: ({ req, user }) => refusingInWorkflowTerms(() => listReviewsDue({ payload: req.payload, user, req, withinDays: options.reviewDueWithinDays })),
  })

const AUDIT_FORMATS = {
  csv: { type: 'text/csv; charset=utf-8; header=present', write: auditCsv },
  json: { type: 'application/json; charset=utf-8', write: auditJson },
} as const

/**
 * `GET /api/articles/:id/audit?format=csv|json`: the article's whole history as a file, for a
 * standards review; any signed-in member of staff may take it.
 */
export const auditEndpoint: Endpoint = defineEndpoint({
  path: '/:id/audit',
  method: 'get',
  who: editorialTeam,
  handler: async ({ req, user, param }) => {
    const format = req.searchParams?.get('format') ?? 'csv'
    if (format !== 'csv' && format !== 'json') {
      throw new WorkflowError({ code: 'WORKFLOW_BODY_INVALID', status: 400, message: `Ask for ?format=csv or ?format=json; "${format}" is neither.` })
    }
    const audit = await exportAudit(req.payload, { id: param('id') }, { user, req })
    return new Response(AUDIT_FORMATS[format].write(audit), {
      headers: {
        'Content-Type': AUDIT_FORMATS[format].type,
        'Content-Disposition': `attachment; filename="${audit.article.slug}-audit.${format}"`,
        'Cache-Control': 'no-store',
      },
    })
  },
})

export const workflowEndpoints = (options: WorkflowOptions): Endpoint[] => [
  auditEndpoint,
  reviewDueEndpoint(options),
  transitionEndpoint(options),
  transitionOptionsEndpoint,
]
