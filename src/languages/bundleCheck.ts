import { loadBundles, loadLanguages, translationsDir, type Language } from './registry'

/** i18next's plural and ordinal suffixes; a key's base is what stays when they are removed. */
const PLURAL_SUFFIX = /_(?:ordinal_)?(?:zero|one|two|few|many|other)$/

export interface BundleProblem {
  language: string
  namespace: string
  key: string
  problem: 'missing' | 'unknown' | 'variables' | 'plural-form-missing' | 'empty'
  detail?: string
}

function variablesOf(text: string): string[] {
  return [...new Set([...text.matchAll(/{{\s*([\w.]+)\s*(?:,[^}]*)?}}/g)].map((match) => match[1]))].sort()
}

function baseKeys(bundle: Record<string, string>): Map<string, string[]> {
  const bases = new Map<string, string[]>()
  for (const key of Object.keys(bundle)) {
    const base = key.replace(PLURAL_SUFFIX, '')
    bases.set(base, [...(bases.get(base) ?? []), key])
  }
  return bases
}

function requiredPluralKeys(base: string, language: string, sourceKeys: string[]): string[] {
  const ordinal = sourceKeys.some((key) => key.includes('_ordinal_'))
  const plural = sourceKeys.some((key) => PLURAL_SUFFIX.test(key))
  if (!plural) return [base]
  const rules = new Intl.PluralRules(language, { type: ordinal ? 'ordinal' : 'cardinal' })
  return rules.resolvedOptions().pluralCategories.map((category) => `${base}_${ordinal ? 'ordinal_' : ''}${category}`)
}

/**
 * Compares every language's bundles with the source language's: the same keys (plural forms as
 * that language's plural rules need them), no unknown keys, the same interpolation variables.
 */
export function checkBundles(dir: string = translationsDir(), languages: Language[] = loadLanguages(dir)): BundleProblem[] {
  const problems: BundleProblem[] = []
  const [source, ...others] = languages
  const sourceBundles = loadBundles(source.code, dir)
  for (const language of [source, ...others]) {
    const bundles = loadBundles(language.code, dir)
    for (const [namespace, sourceBundle] of Object.entries(sourceBundles)) {
      const bundle = bundles[namespace] ?? {}
      const sourceBases = baseKeys(sourceBundle)
      const bases = baseKeys(bundle)
      for (const [base, sourceKeys] of sourceBases) {
        const expectedVariables = variablesOf(sourceKeys.map((key) => sourceBundle[key]).join(' '))
        if (!bases.has(base)) {
          problems.push({ language: language.code, namespace, key: base, problem: 'missing' })
          continue
        }
        for (const key of requiredPluralKeys(base, language.code, sourceKeys)) {
          if (!(key in bundle)) problems.push({ language: language.code, namespace, key, problem: 'plural-form-missing' })
        }
        for (const key of bases.get(base) ?? []) {
          const text = bundle[key]
          if (typeof text !== 'string' || text.trim() === '') {
            problems.push({ language: language.code, namespace, key, problem: 'empty' })
            continue
          }
          const found = variablesOf(text)
          const unexpected = found.filter((name) => !expectedVariables.includes(name))
          const absent = expectedVariables.filter((name) => !found.includes(name) && name !== 'count')
          if (unexpected.length > 0 || absent.length > 0) {
            problems.push({
              language: language.code,
              namespace,
              key,
              problem: 'variables',
              detail: `expected {{${expectedVariables.join('}}, {{')}}}, found {{${found.join('}}, {{')}}}`,
            })
          }
        }
      }
      for (const base of bases.keys()) {
        if (!sourceBases.has(base)) problems.push({ language: language.code, namespace, key: base, problem: 'unknown' })
      }
    }
    for (const namespace of Object.keys(bundles)) {
      if (!(namespace in sourceBundles)) problems.push({ language: language.code, namespace, key: '*', problem: 'unknown' })
    }
  }
  return problems
}
