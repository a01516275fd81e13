import type { Payload, PayloadRequest, Where } from 'payload'

import { hasRole } from '../access/roles'
import type { Article, User } from '../payload-types'
import { daysUntil, reviewDueHorizon } from './reviewDates'
import { WorkflowError } from './errors'
import type { WorkflowState } from './states'
import { relationId } from '../content/relations'

/** Articles that are off the shelf need no clinical review. */
const NOT_UNDER_REVIEW: WorkflowState[] = ['unpublished', 'archived']

export interface ReviewDueEntry {
  id: string
  title: string
  slug: string
  specialty: { id: string; name: string } | null
  workflowState: WorkflowState
  lastReviewed: string | null
  reviewedBy: { id: string; name: string } | null
  /** Null when the article was never reviewed. */
  nextReviewDue: string | null
  /** Whole days until the review is due: 0 today, negative when overdue; null when never reviewed. */
  daysUntilDue: number | null
  /** Published without any clinical review on record: listed first, and overdue. */
  neverReviewed: boolean
  overdue: boolean
}

export interface ReviewDueList {
  asOf: string
  withinDays: number
  docs: ReviewDueEntry[]
}

type DueCandidate = Pick<Article, 'id' | 'nextReviewDue' | 'workflowState' | 'lastReviewed' | 'revision'>

/** Published (revision 1 or later) with no clinical review on record, as content imported from elsewhere may be. */
export function neverReviewed(article: Pick<Article, 'lastReviewed' | 'revision'>): boolean {
  return !article.lastReviewed && (article.revision ?? 0) >= 1
}

/**
 * The articles whose review is overdue or due within `withinDays`: first the published ones that
 * were never reviewed (they are read with no clinician's sign-off), then the others soonest first
 * (the most overdue at the top). Unpublished and archived articles, and drafts never published,
 * are left out.
 */
export function selectReviewsDue<T extends DueCandidate>(articles: T[], now: Date, withinDays: number): T[] {
  const dueTime = (article: T) => (neverReviewed(article) ? Number.NEGATIVE_INFINITY : Date.parse(article.nextReviewDue as string))
  return articles
    .filter((article) => !NOT_UNDER_REVIEW.includes(article.workflowState ?? 'draft'))
    .filter((article) => neverReviewed(article) || (article.nextReviewDue && daysUntil(new Date(article.nextReviewDue), now) <= withinDays))
    .sort((a, b) => dueTime(a) - dueTime(b) || String(a.id).localeCompare(String(b.id)))
}

async function namesOf(payload: Payload, req: PayloadRequest | undefined, collection: 'users' | 'specialties', ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map()
  // Editors may not read other users' accounts; a reviewer's name is all the list shows of them.
  const { docs } = await payload.find({
    collection,
    where: { id: { in: ids } },
    select: { name: true },
    depth: 0,
    pagination: false,
    overrideAccess: true,
    ...(req ? { req } : {}),
  })
  return new Map(docs.map((doc) => [String(doc.id), String((doc as { name?: unknown }).name ?? '')]))
}

/** Whether this person works with the review-due list: editors, reviewers and admins. */
export function mayListReviewsDue(user: Pick<User, 'roles'> | null | undefined): boolean {
  return hasRole(user, 'admin', 'editor', 'reviewer')
}

/** The review-due list as an editor sees it, read through the Local API with their access. */
export async function listReviewsDue(args: { payload: Payload; user: User; req?: PayloadRequest; now?: Date; withinDays: number }): Promise<ReviewDueList> {
  const { payload, user, req, withinDays } = args
  const now = args.now ?? new Date()
  if (!mayListReviewsDue(user)) {
    throw new WorkflowError('WORKFLOW_REVIEW_DUE_FORBIDDEN', 403, 'The review-due list is for editors, reviewers and admins.')
  }
  const where: Where = {
    and: [
      {
        or: [
          { nextReviewDue: { less_than: reviewDueHorizon(now, withinDays).toISOString() } },
          { and: [{ lastReviewed: { equals: null } }, { revision: { greater_than_equal: 1 } }] },
        ],
      },
      { workflowState: { not_in: NOT_UNDER_REVIEW } },
    ],
  }
  const { docs } = await payload.find({
    collection: 'articles',
    where,
    sort: 'nextReviewDue',
    draft: true,
    depth: 0,
    pagination: false,
    overrideAccess: false,
    user,
    ...(req ? { req } : {}),
  })
  const due = selectReviewsDue(docs, now, withinDays)
  const specialties = await namesOf(payload, req, 'specialties', [...new Set(due.map((doc) => relationId(doc.specialty)).filter((id): id is string => Boolean(id)))])
  const reviewers = await namesOf(payload, req, 'users', [...new Set(due.map((doc) => relationId(doc.reviewedBy)).filter((id): id is string => Boolean(id)))])
  return {
    asOf: now.toISOString(),
    withinDays,
    docs: due.map((doc) => {
      const specialtyId = relationId(doc.specialty)
      const reviewerId = relationId(doc.reviewedBy)
      const never = neverReviewed(doc)
      const daysUntilDue = never || !doc.nextReviewDue ? null : daysUntil(new Date(doc.nextReviewDue), now)
      return {
        id: String(doc.id),
        title: doc.title,
        slug: doc.slug,
        specialty: specialtyId ? { id: specialtyId, name: specialties.get(specialtyId) ?? '' } : null,
        workflowState: doc.workflowState ?? 'draft',
        lastReviewed: doc.lastReviewed ?? null,
        reviewedBy: reviewerId ? { id: reviewerId, name: reviewers.get(reviewerId) ?? '' } : null,
        nextReviewDue: never ? null : (doc.nextReviewDue ?? null),
        daysUntilDue,
        neverReviewed: never,
        overdue: never || (daysUntilDue !== null && daysUntilDue < 0),
      }
    }),
  }
}
