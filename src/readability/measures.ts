import { fleschKincaid } from 'flesch-kincaid'
import { syllable } from 'syllable'

/**
 * Readability of one language's text as a school grade, each language by a measure that fits its
 * script. Pure: the text comes in as lines (a paragraph, a list item, a term's explanation), so a
 * line without a full stop never runs on into the next one.
 */

/** `flesch-kincaid`: English, Flesch–Kincaid grade level. `akshara-grade`: Hindi and Tamil, sentence and word length in aksharas. */
export type ReadabilityMeasure = 'flesch-kincaid' | 'akshara-grade'

/** Why a language has no grade: no measure fits it yet, or there is no text to measure. */
export type UnscoredReason = 'no-measure' | 'no-text'

export interface ReadabilityScore {
  /** The grade-equivalent, to one decimal: roughly the school year whose pupils read the text with ease. Null with a `reason`. */
  grade: number | null
  measure: ReadabilityMeasure | null
  sentences: number
  words: number
  /** English syllables, or, for the akshara measure, the aksharas that carry a vowel. */
  syllables: number
  reason: UnscoredReason | null
}

interface Counts {
  sentences: number
  words: number
  syllables: number
}

/**
 * The akshara measure's weights. Sentence length is counted in aksharas rather than words because
 * Tamil joins into one word what Hindi writes as a noun and its postpositions; the word-length
 * term is measured from the length of an everyday word of the language (`everydayWord`).
 */
export const AKSHARA_GRADE = { perSentenceAkshara: 0.15, perWordAkshara: 2.5 } as const

interface AksharaLanguage {
  /** Aksharas of a short, everyday word of the language: words no longer than it add nothing. */
  everydayWord: number
}

/** The languages the akshara measure is set for; another language gets it only once it is set here. */
export const AKSHARA_LANGUAGES: Record<string, AksharaLanguage> = {
  hi: { everydayWord: 2 },
  ta: { everydayWord: 3 },
}

const round = (value: number) => Math.round(value * 10) / 10

type Granularity = 'grapheme' | 'word' | 'sentence'

/** Segmenters are costly to make and hold no state between texts, so one serves each locale and granularity. */
const segmenters = new Map<string, Intl.Segmenter>()

function segments(text: string, locale: string, granularity: Granularity): Intl.SegmentData[] {
  const key = `${locale}:${granularity}`
  let segmenter = segmenters.get(key)
  if (!segmenter) {
    segmenter = new Intl.Segmenter(locale, { granularity })
    segmenters.set(key, segmenter)
  }
  return [...segmenter.segment(text)]
}

/** The words of a text, as the language's word segmenter finds them (numbers and punctuation left out). */
function wordsOf(text: string, locale: string): string[] {
  return segments(text, locale, 'word')
    .filter((part) => part.isWordLike && /\p{L}/u.test(part.segment))
    .map((part) => part.segment)
}

/**
 * Counting a word's syllables is the costly part of a score, and a library repeats its words, so
 * each language keeps the counts of the words it has seen (up to a bound, then starts afresh).
 */
const WORDS_REMEMBERED = 50_000
const syllableCounts = new Map<string, Map<string, number>>()

function remembered(locale: string, word: string, countOf: (word: string) => number): number {
  let counts = syllableCounts.get(locale)
  if (!counts || counts.size >= WORDS_REMEMBERED) {
    counts = new Map()
    syllableCounts.set(locale, counts)
  }
  let value = counts.get(word)
  if (value === undefined) {
    value = countOf(word)
    counts.set(word, value)
  }
  return value
}

function count(lines: readonly string[], locale: string, syllablesOf: (word: string) => number): Counts {
  const counts: Counts = { sentences: 0, words: 0, syllables: 0 }
  for (const line of lines) {
    for (const sentence of segments(line, locale, 'sentence')) {
      const words = wordsOf(sentence.segment, locale)
      if (words.length === 0) continue
      counts.sentences += 1
      counts.words += words.length
      counts.syllables += words.reduce((sum, word) => sum + remembered(locale, word, syllablesOf), 0)
    }
  }
  return counts
}

/** A virama (Devanagari U+094D, Tamil pulli U+0BCD) ends a consonant that carries no vowel. */
const VOWELLESS_END = /[\u094D\u0BCD]$/u

/**
 * The aksharas of a word that carry a vowel: its grapheme clusters (a conjunct such as क्ष is one),
 * leaving out a consonant with a virama or pulli (Tamil ம் in எலும்பு), which is not a syllable.
 */
export function vowelAksharas(word: string, locale: string): number {
  return segments(word, locale, 'grapheme').filter((part) => /\p{L}/u.test(part.segment) && !VOWELLESS_END.test(part.segment)).length
}

/** A word in Latin script within Hindi or Tamil text (a drug name, "MRI"): it has no aksharas, so its English syllables count. */
const LATIN_WORD = /^[\p{Script=Latin}\p{M}'’]+$/u

function aksharaSyllables(word: string, locale: string): number {
  return LATIN_WORD.test(word) ? Math.max(1, syllable(word)) : vowelAksharas(word, locale)
}

const unscored = (reason: UnscoredReason, measure: ReadabilityMeasure | null, counts: Counts): ReadabilityScore => ({
  grade: null,
  measure,
  ...counts,
  reason,
})

/** Flesch–Kincaid grade level (Kincaid et al., 1975): 0.39 × words per sentence + 11.8 × syllables per word − 15.59. */
export function englishReadability(lines: readonly string[]): ReadabilityScore {
  const counts = count(lines, 'en', (word) => Math.max(1, syllable(word)))
  if (counts.sentences === 0) return unscored('no-text', 'flesch-kincaid', counts)
  const grade = fleschKincaid({ sentence: counts.sentences, word: counts.words, syllable: counts.syllables })
  return { grade: round(grade), measure: 'flesch-kincaid', ...counts, reason: null }
}

/**
 * The akshara grade: 0.15 × aksharas per sentence + 2.5 × (aksharas per word − the language's
 * everyday word length), counting vowel-bearing aksharas. See README, "Readability".
 */
export function aksharaReadability(lines: readonly string[], locale: string): ReadabilityScore {
  const language = AKSHARA_LANGUAGES[locale]
  if (!language) return unscored('no-measure', null, { sentences: 0, words: 0, syllables: 0 })
  const counts = count(lines, locale, (word) => aksharaSyllables(word, locale))
  if (counts.sentences === 0 || counts.syllables === 0) return unscored('no-text', 'akshara-grade', counts)
  const perSentence = counts.syllables / counts.sentences
  const perWord = counts.syllables / counts.words
  const grade = AKSHARA_GRADE.perSentenceAkshara * perSentence + AKSHARA_GRADE.perWordAkshara * (perWord - language.everydayWord)
  return { grade: round(grade), measure: 'akshara-grade', ...counts, reason: null }
}

/** The measure of a language (English's formula is never used for another language), or null when none fits it yet. */
export function measureOf(locale: string): ReadabilityMeasure | null {
  if (locale === 'en') return 'flesch-kincaid'
  return locale in AKSHARA_LANGUAGES ? 'akshara-grade' : null
}

/** The readability of one language's lines by that language's own measure; `no-measure` when it has none. */
export function scoreReadability(locale: string, lines: readonly string[]): ReadabilityScore {
  switch (measureOf(locale)) {
    case 'flesch-kincaid':
      return englishReadability(lines)
    case 'akshara-grade':
      return aksharaReadability(lines, locale)
    default:
      return unscored('no-measure', null, { sentences: 0, words: 0, syllables: 0 })
  }
}
