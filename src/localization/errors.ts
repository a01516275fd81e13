/**
 * An error of the localization workflow with a stable `code` for programs, the HTTP status it
 * answers with, and a message a translator or reviewer can act on.
 */
export class LocalizationError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    /** Machine-readable particulars, such as each problem of a refused XLIFF file. */
    readonly details?: Record<string, unknown>,
  ) {
    super(message)
    this.name = 'LocalizationError'
  }
}
