import type { Payload } from 'payload'

import { loadLanguages } from '../languages/registry'
import { createLabels } from './readerLabels'
import { createPublishTarget, publishingOptionsFromEnv, type PublishingOptions } from './options'
import { Publisher } from './publisher'
import { PublishLock } from './publishLock'
import { loadSchemas } from './schemas'
import type { PublishTarget } from './targets/target'

/** Files written at once; a few overlap the disk's latency without flooding it. */
const WRITE_CONCURRENCY = 8
/** Articles read and rendered per page of a rebuild. */
const PAGE_SIZE = 100

const publishers = new WeakMap<Payload, Publisher>()

/** Builds a publisher from explicit parts: scripts and tests that publish somewhere else use it. */
export function createPublisher(payload: Payload, options: PublishingOptions, target: PublishTarget = createPublishTarget(options)): Publisher {
  const languages = loadLanguages()
  return new Publisher({
    payload,
    target,
    languages,
    labels: createLabels(languages),
    schemas: loadSchemas(),
    lock: new PublishLock(payload, { leaseMs: options.lockLeaseMs, waitMs: options.lockWaitMs }),
    mediaBaseUrl: options.mediaBaseUrl,
    writeConcurrency: WRITE_CONCURRENCY,
    pageSize: PAGE_SIZE,
  })
}

/** The publisher configured from the environment (PUBLISH_DIR, PUBLISH_TARGET, …), one per Payload instance. */
export function publisherFor(payload: Payload): Publisher {
  let publisher = publishers.get(payload)
  if (!publisher) {
    publisher = createPublisher(payload, publishingOptionsFromEnv())
    publishers.set(payload, publisher)
  }
  return publisher
}
