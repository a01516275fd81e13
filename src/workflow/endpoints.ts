import { Forbidden, type Endpoint, type PayloadHandler, type PayloadRequest } from 'payload'

import type { Article, User } from '../payload-types'
import { availableActions } from './availableActions'
import { WorkflowError } from './errors'
import type { WorkflowOptions } from './options'
import { listReviewsDue } from './reviewDue'
import { transitionArticle } from './transitionArticle'
import { parseTransitionRequest } from './transitionRequest'

/** Answers a refusal as `{ code, message, … }` with its status; anything else is Payload's to answer. */
function answering(work: (req: PayloadRequest) => Promise<unknown>): PayloadHandler {
  return async (req) => {
    try {
      return Response.json(await work(req))
    } catch (error) {
      if (error instanceof WorkflowError) return Response.json(error.toJSON(), { status: error.status })
      if (error instanceof Forbidden) {
        return Response.json({ code: 'WORKFLOW_ROLE_FORBIDDEN', message: 'You may not change this article.' }, { status: 403 })
      }
      throw error
    }
  }
}

function signedIn(req: PayloadRequest): User {
  if (!req.user) throw new WorkflowError('WORKFLOW_UNAUTHENTICATED', 401, 'Sign in first: workflow actions are taken by a member of the editorial team.')
  return req.user as User
}

async function readJsonBody(req: PayloadRequest): Promise<unknown> {
  const text = (await req.text?.()) ?? ''
  if (text.trim() === '') return undefined
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new WorkflowError('WORKFLOW_BODY_INVALID', 400, `The body is not valid JSON (${(error as Error).message}); send for example {"to": "in_review", "changeKind": "editorial"}.`)
  }
}

const articleIdOf = (req: PayloadRequest) => String(req.routeParams?.id ?? '')

/**
 * `POST /api/articles/:id/transition`: moves the article's source content to `to`.
 * 200 with the new state; 400 malformed body; 401 not signed in; 403 not your role or your own
 * change; 404 no such article; 409 not allowed from the current state (or the approval is stale).
 */
export const transitionEndpoint = (options: WorkflowOptions): Endpoint => ({
  path: '/:id/transition',
  method: 'post',
  handler: answering(async (req) => {
    const user = signedIn(req)
    const request = parseTransitionRequest(await readJsonBody(req), options)
    return transitionArticle({ payload: req.payload, articleId: articleIdOf(req), request, user, req, options })
  }),
})

/** `GET /api/articles/:id/transition`: the state and the actions the signed-in person may take now. */
export const transitionOptionsEndpoint: Endpoint = {
  path: '/:id/transition',
  method: 'get',
  handler: answering(async (req) => {
    const user = signedIn(req)
    let article: Article
    try {
      article = await req.payload.findByID({ collection: 'articles', id: articleIdOf(req), draft: true, depth: 0, overrideAccess: false, user, req })
    } catch {
      throw new WorkflowError('WORKFLOW_ARTICLE_NOT_FOUND', 404, `No article has the id "${articleIdOf(req)}", or you may not read it.`)
    }
    return {
      id: article.id,
      workflowState: article.workflowState,
      changeKind: article.changeKind ?? null,
      reviewNote: article.reviewNote ?? null,
      actions: availableActions(article, user),
    }
  }),
}

/** `GET /api/articles/review-due`: articles whose review is overdue or due soon, soonest first. */
export const reviewDueEndpoint = (options: WorkflowOptions): Endpoint => ({
  path: '/review-due',
  method: 'get',
  handler: answering(async (req) => listReviewsDue({ payload: req.payload, user: signedIn(req), req, withinDays: options.reviewDueWithinDays })),
})

export const workflowEndpoints = (options: WorkflowOptions): Endpoint[] => [
  reviewDueEndpoint(options),
  transitionEndpoint(options),
  transitionOptionsEndpoint,
]
