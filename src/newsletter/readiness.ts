import type { Payload } from 'payload'

/**
 * Whether a language's version of an article update is out: the one thing the newsletter asks of
 * the translation workflow.
 */
export interface TranslationReadiness {
  /** True when `locale`'s translation was approved for `revision` of the source or a later one. */
  isPublished(articleId: string, locale: string, revision: number): Promise<boolean>
}

/**
 * Reads the answer from the workflow's event stream: a translation approval is recorded as a
 * workflow event with the translation's locale and the source revision it was approved for.
 */
export class WorkflowEventReadiness implements TranslationReadiness {
  constructor(private readonly payload: Payload) {}

  async isPublished(articleId: string, locale: string, revision: number): Promise<boolean> {
    const { totalDocs } = await this.payload.count({
      collection: 'workflow-events',
      where: {
        and: [
          { article: { equals: articleId } },
          { locale: { equals: locale } },
          { to: { in: ['approved', 'published'] } },
          { revision: { greater_than_equal: revision } },
        ],
      },
      overrideAccess: true,
    })
    return totalDocs > 0
  }
}
