import { DomainError, type FixedCodeErrorOptions } from '../api/domainError'

/** Development only: signs sessions on a developer's machine and in tests. */
export const DEVELOPMENT_SECRET = 'vitalpress-development-secret-change-me'

export class SecretConfigError extends DomainError<'PAYLOAD_SECRET_REQUIRED'> {
  constructor(options: FixedCodeErrorOptions) {
    super({ ...options, code: 'PAYLOAD_SECRET_REQUIRED', status: 500 })
  }
}

/**
 * The secret that signs sessions. Production refuses to start without its own, because anyone
 * who knows the development default could forge an admin's session.
 */
export function payloadSecret(env: NodeJS.ProcessEnv = process.env): string {
  const secret = env.PAYLOAD_SECRET
  // `next build` loads the config to collect pages; the running server is where the secret matters.
  if (env.NODE_ENV === 'production' && env.NEXT_PHASE !== 'phase-production-build') {
    if (!secret || secret === DEVELOPMENT_SECRET || secret.length < 32) {
      throw new SecretConfigError({
        message: 'PAYLOAD_SECRET must be set to a random value of at least 32 characters in production ' +
          '(for example the output of `openssl rand -hex 32`); the development default is refused.',
      })
    }
  }
  return secret || DEVELOPMENT_SECRET
}
