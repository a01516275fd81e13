import { localesOf } from '../../access/roles'
import type { User } from '../../payload-types'
import { refuseLocaleTransition, type DerivedLocaleState, type LocaleTransitionTarget } from '../localeState'
import type { LocaleAction } from './TranslateEditor'

/**
 * The moves of a locale's translation this person may take now, judged by the rule the transition
 * endpoint applies (`refuseLocaleTransition`); a send-back also needs a note. An outdated
 * translation's submit is offered blocked, with what it still waits for.
 */
export function localeActions(user: User, locale: string, translatorId: string | null, current: DerivedLocaleState): LocaleAction[] {
  const targets: LocaleTransitionTarget[] = ['in_review', 'approved', 'in_progress']
  return targets.flatMap((to): LocaleAction[] => {
    const refusal = refuseLocaleTransition(
      { to, locale, note: to === 'in_progress' ? 'note' : null, actor: { id: String(user.id), roles: (user.roles ?? []) as string[], locales: localesOf(user) }, translatorId },
      current,
    )
    if (refusal?.code === 'TRANSLATION_OUTDATED') return [{ to, blockedBy: refusal.message }]
    return refusal ? [] : [{ to, blockedBy: null }]
  })
}
