import { DomainError, type FixedCodeErrorOptions } from '../../errors/domainError'

/**
 * Where published files go. The publisher knows nothing else of a target, so the file system,
 * an S3-compatible bucket and the in-memory target of unit tests are interchangeable.
 */
export interface PublishTarget {
  /** Says where files go, for logs and the command line ("folder ./out", "bucket s3://…"). */
  readonly description: string
  /** The file's bytes, or null when there is none. */
  read(path: string): Promise<Buffer | null>
  /** Replaces the file whole: a reader sees the old bytes or the new ones, never a mix. */
  write(path: string, bytes: Buffer): Promise<void>
  /** Removes the file; removing a file that is not there is not an error. */
  remove(path: string): Promise<void>
  /** Every file under the root with its size in bytes, by path relative to the root. */
  list(): Promise<Map<string, number>>
  /** Clears what an interrupted write left outside the tree (staging files); called while holding the publish lock. */
  recover?(): Promise<void>
}

type PublishTargetErrorCode = 'PUBLISH_TARGET_UNWRITABLE' | 'PUBLISH_TARGET_CONFIG' | 'PUBLISH_TARGET_PATH_INVALID' | 'PUBLISH_TARGET_UNREACHABLE'

export class PublishTargetError extends DomainError<PublishTargetErrorCode> {
  constructor(options: FixedCodeErrorOptions & { code: PublishTargetErrorCode }) {
    super({ ...options, status: options.code === 'PUBLISH_TARGET_UNREACHABLE' ? 502 : 500 })
  }
}

/** Refuses paths that could leave the publish root; every path the publisher builds passes. */
export function assertRelativePath(path: string): void {
  if (path === '' || path.startsWith('/') || path.includes('\\') || path.split('/').some((part) => part === '' || part === '.' || part === '..')) {
    throw new PublishTargetError({ message: `"${path}" is not a path inside the publish root.`, code: 'PUBLISH_TARGET_PATH_INVALID' })
  }
}
