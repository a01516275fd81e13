import { DomainError } from '../api/domainError'

/** An error of the localization workflow, with a message a translator or reviewer can act on. */
export class LocalizationError extends DomainError {}
