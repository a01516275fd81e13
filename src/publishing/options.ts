import { FileTarget } from './targets/fileTarget'
import { S3Target } from './targets/s3Target'
import { PublishTargetError, type PublishTarget } from './targets/target'

/** Where and how files are published; `readEnvironment().publishing` gives them from `PUBLISH_*`. */
export interface PublishingOptions {
  /** `file` (default) writes under `publishDir`; `s3` writes to the bucket below. */
  target: 'file' | 's3'
  /** The publish root for the file target (`PUBLISH_DIR`, default ./out). */
  publishDir: string
  /** Staging folder for atomic writes (`PUBLISH_STAGING_DIR`); beside the root by default. */
  stagingDir: string
  /** Flush every file to disk before renaming it in (`PUBLISH_FSYNC=true`); slower, survives power cuts. */
  fsync: boolean
  s3: {
    bucket: string
    prefix: string
    endpoint?: string
    region: string
    forcePathStyle: boolean
    cacheControl: string
  }
  /** Prefix for image addresses (`PUBLIC_MEDIA_URL`), such as a CDN; else `SERVER_URL`, else paths as Payload serves them. */
  mediaBaseUrl: string
  /** An article's address on the downstream site (`SITE_ARTICLE_URL`, else `SITE_URL` + `/{locale}/articles/{slug}`), for alternates and sitemaps. */
  articleUrlPattern: string
  /** How long the publish lock holds without renewal before another process may take it. */
  lockLeaseMs: number
  /** How long a publish waits for the lock before giving up (and its job is retried). */
  lockWaitMs: number
}

export function createPublishTarget(options: PublishingOptions): PublishTarget {
  if (options.target === 's3') {
    if (!options.s3.bucket) {
      throw new PublishTargetError('PUBLISH_TARGET is "s3" but PUBLISH_S3_BUCKET is empty: name the bucket to publish to.', 'PUBLISH_TARGET_CONFIG')
    }
    return new S3Target(options.s3)
  }
  return new FileTarget({ root: options.publishDir, stagingDir: options.stagingDir, fsync: options.fsync })
}
