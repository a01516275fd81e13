import { DomainError } from '../errors/domainError'

/** An error of the localization workflow, with a message a translator or reviewer can act on. */
export class LocalizationError extends DomainError {}
