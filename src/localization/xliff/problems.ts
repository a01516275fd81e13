import { LocalizationError } from '../errors'

/** One reason an XLIFF file is refused; an import lists every one it finds. */
export interface XliffProblem {
  code:
    | 'XLIFF_TOO_LARGE'
    | 'XLIFF_MALFORMED'
    | 'XLIFF_DOCTYPE_FORBIDDEN'
    | 'XLIFF_NOT_XLIFF2'
    | 'XLIFF_WRONG_SOURCE_LANGUAGE'
    | 'XLIFF_WRONG_TARGET_LANGUAGE'
    | 'XLIFF_WRONG_ARTICLE'
    | 'XLIFF_UNKNOWN_UNIT'
    | 'XLIFF_DUPLICATE_UNIT'
    | 'XLIFF_STALE_SOURCE'
    | 'XLIFF_EMPTY_TARGET'
    | 'XLIFF_FORBIDDEN_MARKUP'
    | 'XLIFF_RAW_HTML'
    | 'XLIFF_UNKNOWN_INLINE'
    | 'XLIFF_PLAIN_TEXT_ONLY'
    | 'XLIFF_INCOMPLETE'
    | 'XLIFF_NOTHING_TO_IMPORT'
  message: string
  unit?: string
  line?: number
}

/** An import refused whole: nothing was written. `problems` names each offending unit. */
export class XliffImportError extends LocalizationError {
  readonly problems: XliffProblem[]

  /** `status` 413 for a file over the size limit; 422, the default, for any other problem. */
  constructor({ problems, status = 422 }: { problems: XliffProblem[]; status?: 413 | 422 }) {
    super({
      code: 'XLIFF_REJECTED',
      status,
      message:
        `Nothing was imported: the file has ${problems.length} problem${problems.length === 1 ? '' : 's'}.\n` + problems.map((problem) => `- ${problem.message}`).join('\n'),
      details: { problems },
    })
    this.problems = problems
  }
}
