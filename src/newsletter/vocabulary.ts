/** The words of the newsletter, as CONTEXT.md defines them. */
export const SUBSCRIBER_STATUSES = ['pending', 'confirmed', 'unsubscribed', 'bounced'] as const
export type SubscriberStatus = (typeof SUBSCRIBER_STATUSES)[number]

/** `sending` while rows remain; `waiting` when only rows held for a late translation remain. */
export const SEND_STATUSES = ['sending', 'waiting', 'completed', 'cancelled'] as const
export type SendStatus = (typeof SEND_STATUSES)[number]

/**
 * A ledger row: `held` until its language is released, `queued` until a worker hands it to the
 * SMTP server (`sending`), `sent` once the server accepted it; `failed` for a permanent error or
 * an exhausted retry budget; `skipped` when the send was cancelled or the subscriber left first.
 */
export const DELIVERY_STATUSES = ['held', 'queued', 'sending', 'sent', 'failed', 'skipped'] as const
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number]

/** Kinds of published change that readers are told about; `cosmetic` changes send nothing. */
export const NEWSWORTHY_CHANGES = ['clinical', 'editorial'] as const
export type NewsworthyChange = (typeof NEWSWORTHY_CHANGES)[number]

export function isNewsworthy(changeKind: string | null | undefined): changeKind is NewsworthyChange {
  return (NEWSWORTHY_CHANGES as readonly string[]).includes(changeKind ?? '')
}

/**
 * How often a subscriber hears from us: every update as it is published (`every-update`, the
 * default and what subscribers had before there was a choice), single emails of clinical updates
 * only (`clinical-only`), or one digest of the week's or month's updates (`weekly`, `monthly`).
 */
export const FREQUENCIES = ['every-update', 'clinical-only', 'weekly', 'monthly'] as const
export type Frequency = (typeof FREQUENCIES)[number]

export function isFrequency(value: unknown): value is Frequency {
  return (FREQUENCIES as readonly unknown[]).includes(value)
}

/** The frequencies that get single update emails of a change of this kind. */
export function frequenciesForUpdate(changeKind: NewsworthyChange): Frequency[] {
  return changeKind === 'clinical' ? ['every-update', 'clinical-only'] : ['every-update']
}

/** A send is the email of one update, or the digest of one window. */
export const SEND_KINDS = ['update', 'digest'] as const
export type SendKind = (typeof SEND_KINDS)[number]
