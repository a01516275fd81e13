import type { Payload } from 'payload'

import { readEnvironment } from '../environment/readEnvironment'
import { loadLanguages } from '../languages/registry'
import { ARTICLE_SHARDS, type ArticleShardCounts } from './articleShards'
import { CHANGE_SEGMENT_RECORDS } from './changeFeed'
import { createLabels } from './readerLabels'
import { createPublishTarget, type PublishingOptions } from './options'
import { Publisher } from './publisher'
import { PublishLock } from './publishLock'
import { loadSchemas } from './schemas'
import type { PublishTarget } from './targets/target'

/** Files written at once; a few overlap the disk's latency without flooding it. */
const WRITE_CONCURRENCY = 8
/** Articles read and rendered per page of a rebuild. */
const PAGE_SIZE = 100
/**
 * Shards of each language's search index. A one-article publish rewrites one shard per language,
 * at a cost that follows the shard's size: with 256 shards, a shard of 80 articles (20,000 in the
 * library) cost about 5 ms a language to rewrite against 2 ms for 8 (2,000); with 1024, about
 * 20 articles a shard at 20,000 (see the README's *Search*).
 */
export const SEARCH_SHARDS = 1024

/** The shard counts of the lists a publisher writes; the search index's count defaults to `SEARCH_SHARDS`. */
export type PublisherShardCounts = ArticleShardCounts & { search?: number }

const publishers = new WeakMap<Payload, Publisher>()

/** Builds a publisher from explicit parts: scripts and tests that publish somewhere else, or in other shard counts, use it. */
export function createPublisher(
  payload: Payload,
  options: PublishingOptions,
  target: PublishTarget = createPublishTarget(options),
  shardCounts: PublisherShardCounts = ARTICLE_SHARDS,
): Publisher {
  const languages = loadLanguages()
  return new Publisher({
    payload,
    target,
    languages,
    labels: createLabels(languages),
    schemas: loadSchemas(),
    lock: new PublishLock(payload, { leaseMs: options.lockLeaseMs, waitMs: options.lockWaitMs }),
    mediaBaseUrl: options.mediaBaseUrl,
    articleUrlPattern: options.articleUrlPattern,
    writeConcurrency: WRITE_CONCURRENCY,
    pageSize: PAGE_SIZE,
    changeSegmentRecords: CHANGE_SEGMENT_RECORDS,
    searchShards: shardCounts.search ?? SEARCH_SHARDS,
    articleShards: { index: shardCounts.index, specialty: shardCounts.specialty },
  })
}

/** The publisher configured from the environment (PUBLISH_DIR, PUBLISH_TARGET, …), one per Payload instance. */
export function publisherFor(payload: Payload): Publisher {
  let publisher = publishers.get(payload)
  if (!publisher) {
    publisher = createPublisher(payload, readEnvironment().publishing)
    publishers.set(payload, publisher)
  }
  return publisher
}
