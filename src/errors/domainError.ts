/** What every refusal or failure of the product carries, whichever concern raised it. */
export interface DomainErrorOptions<Code extends string = string> {
  /** Stable, for programs: clients branch on it, never on the message. */
  code: Code
  /** The HTTP status an endpoint answers with. */
  status: number
  /** What went wrong and what to do about it, for a person. */
  message: string
  /** Machine-readable particulars, such as each problem of a refused file or the allowed next states. */
  details?: Record<string, unknown>
  /** The lower-level error this one explains, kept for the logs. */
  cause?: unknown
}

/** The options of an error whose code and status are fixed by its class. */
export type FixedCodeErrorOptions = Omit<DomainErrorOptions, 'code' | 'status'>

/** The base of every domain error: one constructor shape, one answer shape. */
export class DomainError<Code extends string = string> extends Error {
  readonly code: Code
  readonly status: number
  readonly details?: Record<string, unknown>

  constructor({ code, status, message, details, cause }: DomainErrorOptions<Code>) {
    super(message, cause === undefined ? undefined : { cause })
    this.name = new.target.name
    this.code = code
    this.status = status
    if (details !== undefined) this.details = details
  }
}

/** The body of every error answer of a custom endpoint. */
export interface ErrorAnswer {
  code: string
  message: string
  details?: Record<string, unknown>
}

export function errorAnswer({ code, message, details }: { code: string; message: string; details?: Record<string, unknown> }): ErrorAnswer {
  return details === undefined || Object.keys(details).length === 0 ? { code, message } : { code, message, details }
}
