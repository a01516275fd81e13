import type { CollectionConfig, CollectionSlug, Config, Endpoint, TaskConfig } from 'payload'

type CollectionHooks = NonNullable<CollectionConfig['hooks']>
type CollectionComponents = NonNullable<NonNullable<CollectionConfig['admin']>['components']>
type AdminComponents = NonNullable<NonNullable<Config['admin']>['components']>

/** What a concern adds to a collection that it does not own. */
export interface CollectionAdditions {
  /** Run after the collection's own hooks and those of the concerns listed before this one. */
  hooks?: CollectionHooks
  /** Guards that must see a write before anything else does (the collection's own validation included). */
  guards?: CollectionHooks
  endpoints?: Endpoint[]
  components?: CollectionComponents
}

/**
 * Adds each concern's hooks, endpoints and admin components to the collections it cares about,
 * leaving the collection files to declare fields and access. Every slug named must exist, so a
 * renamed collection fails the start rather than silently losing its hooks.
 */
export function extendCollections(
  collections: Config['collections'],
  additions: Partial<Record<CollectionSlug, CollectionAdditions>>,
): CollectionConfig[] {
  const known = new Set((collections ?? []).map((collection) => collection.slug))
  const unknown = Object.keys(additions).filter((slug) => !known.has(slug))
  if (unknown.length > 0) throw new Error(`A plugin extends collections the config does not have: ${unknown.join(', ')}.`)
  return (collections ?? []).map((collection) => {
    const addition = additions[collection.slug as CollectionSlug]
    if (!addition) return collection
    return {
      ...collection,
      hooks: mergeHooks(addition.guards ?? {}, mergeHooks(collection.hooks ?? {}, addition.hooks ?? {})),
      endpoints: [...(collection.endpoints || []), ...(addition.endpoints ?? [])],
      admin: addition.components
        ? { ...collection.admin, components: mergeDeep(collection.admin?.components ?? {}, addition.components) }
        : collection.admin,
    }
  })
}

/** Adds jobs tasks, root endpoints and admin components (views, providers, navigation) to the config. */
export function extendRoot(
  config: Config,
  additions: { tasks?: TaskConfig<any>[]; endpoints?: Endpoint[]; components?: AdminComponents },
): Pick<Config, 'jobs' | 'endpoints' | 'admin'> {
  return {
    jobs: additions.tasks ? { ...config.jobs, tasks: [...(config.jobs?.tasks ?? []), ...additions.tasks] } : config.jobs,
    endpoints: [...(config.endpoints ?? []), ...(additions.endpoints ?? [])],
    admin: additions.components
      ? { ...config.admin, components: mergeDeep(config.admin?.components ?? {}, additions.components) }
      : config.admin,
  }
}

function mergeHooks(first: CollectionHooks, then: CollectionHooks): CollectionHooks {
  const merged: Record<string, unknown[]> = { ...(first as Record<string, unknown[]>) }
  for (const [name, hooks] of Object.entries(then as Record<string, unknown[]>)) {
    merged[name] = [...(merged[name] ?? []), ...(hooks ?? [])]
  }
  return merged as CollectionHooks
}

/** Objects merge key by key and lists concatenate, so two concerns can each add a view or a provider. */
function mergeDeep<T extends object>(base: T, addition: T): T {
  const merged: Record<string, unknown> = { ...(base as Record<string, unknown>) }
  for (const [key, value] of Object.entries(addition as Record<string, unknown>)) {
    const existing = merged[key]
    if (Array.isArray(existing) && Array.isArray(value)) merged[key] = [...existing, ...value]
    else if (isPlainObject(existing) && isPlainObject(value)) merged[key] = mergeDeep(existing, value)
    else if (existing !== undefined && value !== undefined && existing !== value) {
      throw new Error(`Two plugins set the admin component "${key}"; one of them must give way.`)
    } else merged[key] = value
  }
  return merged as T
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype
