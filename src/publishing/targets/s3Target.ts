import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3'

import { assertRelativePath, PublishTargetError, type PublishTarget } from './target'

export interface S3TargetOptions {
  bucket: string
  /** Key prefix the tree lives under (`library/`), empty for the bucket's root. */
  prefix: string
  /** An S3-compatible service's address; empty for AWS itself. */
  endpoint?: string
  region: string
  /** Path-style addressing (`host/bucket/key`), which most S3-compatible services need. */
  forcePathStyle: boolean
  /** Credentials; when absent the SDK's usual chain (AWS_ACCESS_KEY_ID, profiles, roles) is used. */
  credentials?: { accessKeyId: string; secretAccessKey: string }
  /** `Cache-Control` sent with every file. */
  cacheControl: string
}

/**
 * The published tree in an S3-compatible bucket. A PUT replaces an object whole, so readers
 * never see a partial file, as with the folder target's rename.
 */
export class S3Target implements PublishTarget {
  readonly description: string
  private readonly client: S3Client

  constructor(
    private readonly options: S3TargetOptions,
    client?: S3Client,
  ) {
    this.description = `bucket s3://${options.bucket}/${options.prefix}${options.endpoint ? ` at ${options.endpoint}` : ''}`
    this.client =
      client ??
      new S3Client({
        region: options.region,
        endpoint: options.endpoint || undefined,
        forcePathStyle: options.forcePathStyle,
        credentials: options.credentials,
      })
  }

  private key(relative: string): string {
    assertRelativePath(relative)
    return `${this.options.prefix}${relative}`
  }

  private failure(action: string, relative: string, error: unknown): PublishTargetError {
    const reason = error instanceof S3ServiceException ? `${error.name}: ${error.message}` : (error as Error).message
    return new PublishTargetError({
      message: `Cannot ${action} ${relative} in ${this.description} (${reason}); check PUBLISH_S3_* settings, the credentials and the bucket policy.`,
      code: 'PUBLISH_TARGET_UNREACHABLE',
      cause: error,
    })
  }

  async read(relative: string): Promise<Buffer | null> {
    try {
      const response = await this.client.send(new GetObjectCommand({ Bucket: this.options.bucket, Key: this.key(relative) }))
      return response.Body ? Buffer.from(await response.Body.transformToByteArray()) : Buffer.alloc(0)
    } catch (error) {
      if (error instanceof S3ServiceException && (error.name === 'NoSuchKey' || error.$metadata.httpStatusCode === 404)) return null
      throw this.failure('read', relative, error)
    }
  }

  async write(relative: string, bytes: Buffer): Promise<void> {
    try {
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.options.bucket,
          Key: this.key(relative),
          Body: bytes,
          ContentType: 'application/json; charset=utf-8',
          CacheControl: this.options.cacheControl,
        }),
      )
    } catch (error) {
      throw this.failure('write', relative, error)
    }
  }

  async remove(relative: string): Promise<void> {
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key: this.key(relative) }))
    } catch (error) {
      throw this.failure('remove', relative, error)
    }
  }

  async list(): Promise<Map<string, number>> {
    const files = new Map<string, number>()
    let continuationToken: string | undefined
    try {
      do {
        const page = await this.client.send(
          new ListObjectsV2Command({ Bucket: this.options.bucket, Prefix: this.options.prefix || undefined, ContinuationToken: continuationToken }),
        )
        for (const object of page.Contents ?? []) {
          if (object.Key) files.set(object.Key.slice(this.options.prefix.length), object.Size ?? 0)
        }
        continuationToken = page.IsTruncated ? page.NextContinuationToken : undefined
      } while (continuationToken)
    } catch (error) {
      throw this.failure('list', '', error)
    }
    return files
  }
}
