import path from 'node:path'

import { defaultStagingDir, FileTarget } from './targets/fileTarget'
import { S3Target } from './targets/s3Target'
import { PublishTargetError, type PublishTarget } from './targets/target'

export const DEFAULT_PUBLISH_DIR = './out'

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
  /** How long the publish lock holds without renewal before another process may take it. */
  lockLeaseMs: number
  /** How long a publish waits for the lock before giving up (and its job is retried). */
  lockWaitMs: number
}

function flag(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback
  return ['1', 'true', 'yes', 'on'].includes(value.toLowerCase())
}

function positiveNumber(value: string | undefined, fallback: number): number {
  const parsed = Number(value)
  return Number.isFinite(parsed) && parsed > 0 ? parsed : fallback
}

export function publishingOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): PublishingOptions {
  const publishDir = path.resolve(env.PUBLISH_DIR || DEFAULT_PUBLISH_DIR)
  const target = (env.PUBLISH_TARGET || (env.PUBLISH_S3_BUCKET ? 's3' : 'file')).toLowerCase()
  if (target !== 'file' && target !== 's3') {
    throw new PublishTargetError({ message: `PUBLISH_TARGET is "${env.PUBLISH_TARGET}"; use "file" (a folder, the default) or "s3" (a bucket).`, code: 'PUBLISH_TARGET_CONFIG' })
  }
  const prefix = (env.PUBLISH_S3_PREFIX ?? '').replace(/^\/+/, '')
  return {
    target,
    publishDir,
    stagingDir: path.resolve(env.PUBLISH_STAGING_DIR || defaultStagingDir(publishDir)),
    fsync: flag(env.PUBLISH_FSYNC, false),
    s3: {
      bucket: env.PUBLISH_S3_BUCKET ?? '',
      prefix: prefix && !prefix.endsWith('/') ? `${prefix}/` : prefix,
      endpoint: env.PUBLISH_S3_ENDPOINT || undefined,
      region: env.PUBLISH_S3_REGION || env.AWS_REGION || 'us-east-1',
      forcePathStyle: flag(env.PUBLISH_S3_FORCE_PATH_STYLE, Boolean(env.PUBLISH_S3_ENDPOINT)),
      cacheControl: env.PUBLISH_S3_CACHE_CONTROL || 'public, max-age=60',
    },
    mediaBaseUrl: (env.PUBLIC_MEDIA_URL || env.SERVER_URL || '').replace(/\/+$/, ''),
    lockLeaseMs: positiveNumber(env.PUBLISH_LOCK_LEASE_SECONDS, 60) * 1000,
    lockWaitMs: positiveNumber(env.PUBLISH_LOCK_WAIT_SECONDS, 120) * 1000,
  }
}

export function createPublishTarget(options: PublishingOptions): PublishTarget {
  if (options.target === 's3') {
    if (!options.s3.bucket) {
      throw new PublishTargetError({ message: 'PUBLISH_TARGET is "s3" but PUBLISH_S3_BUCKET is empty: name the bucket to publish to.', code: 'PUBLISH_TARGET_CONFIG' })
    }
    return new S3Target(options.s3)
  }
  return new FileTarget({ root: options.publishDir, stagingDir: options.stagingDir, fsync: options.fsync })
}
