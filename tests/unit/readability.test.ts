import { articleReadability, readableLines, storedReadability } from '../../src/readability/articleText'
import { scoreReadability, vowelAksharas } from '../../src/readability/measures'
import { judgeReadability, readabilityPolicyOf } from '../../src/readability/targets'
import { paragraph, richText, text } from '../support/richText'

/**
 * Expected values are counted by hand, word by word, and written down beside each case; the code
 * must agree with the count, not the other way round.
 */
describe('readability by language', () => {
  it('when English is scored, then it is the Flesch–Kincaid grade of its sentences, words and syllables', () => {
    // Bone(1) me-tas-ta-ses(4) oc-cur(2) when(1) can-cer(2) spreads(1) to(1) the(1) bone(1): 9 words, 14 syllables.
    // Pain(1) is(1) the(1) most(1) com-mon(2) symp-tom(2): 6 words, 8 syllables.
    // 0.39 × 15/2 + 11.8 × 22/15 − 15.59 = 2.925 + 17.307 − 15.59 = 4.64 → 4.6
    const score = scoreReadability('en', ['Bone metastases occur when cancer spreads to the bone. Pain is the most common symptom.'])

    expect(score).toEqual({ grade: 4.6, measure: 'flesch-kincaid', sentences: 2, words: 15, syllables: 22, reason: null })
  })

  it('when an English sentence is long and technical, then it scores far above grade 8', () => {
    // 19 words ("skeletal-related" is two): bis-phos-pho-nates 4, and 1, de-no-su-mab 4, re-duce 2, ske-le-tal 3,
    // re-la-ted 3, e-vents 2, in-clu-ding 3, pa-tho-lo-gi-cal 5, frac-tures 2, and 1, spi-nal 2, cord 1,
    // com-pres-sion 3, in 1, pa-tients 2, with 1, me-ta-sta-tic 4, di-sease 2 = 46 syllables.
    // 0.39 × 19 + 11.8 × 46/19 − 15.59 = 7.41 + 28.568 − 15.59 = 20.39 → 20.4
    const score = scoreReadability('en', [
      'Bisphosphonates and denosumab reduce skeletal-related events, including pathological fractures and spinal cord compression, in patients with metastatic disease.',
    ])

    expect(score).toMatchObject({ grade: 20.4, sentences: 1, words: 19, syllables: 46 })
  })

  it('when Hindi is scored, then it is the akshara grade: conjuncts are one akshara each', () => {
    // ह|ड्डी 2, में 1, द|र्द 2, स|ब|से 3, आ|म 2, ल|क्ष|ण 3, है 1 = 14 aksharas in 7 words.
    // रा|त 2, में 1, द|र्द 2, हो 1, तो 1, डॉ|क्ट|र 3, को 1, ब|ता|एँ 3 = 14 aksharas in 8 words.
    // 0.15 × 28/2 + 2.5 × (28/15 − 2) = 2.1 − 0.333 = 1.77 → 1.8
    const score = scoreReadability('hi', ['हड्डी में दर्द सबसे आम लक्षण है। रात में दर्द हो तो डॉक्टर को बताएँ।'])

    expect(score).toEqual({ grade: 1.8, measure: 'akshara-grade', sentences: 2, words: 15, syllables: 28, reason: null })
  })

  it('when Tamil is scored, then a consonant with pulli is not counted and its everyday word is three aksharas', () => {
    // எ|லு|ம்|பு 3 (ம் has pulli), வ|லி 2, மி|க|வு|ம் 3, பொ|து|வா|ன 4, அ|றி|கு|றி 4 = 16 aksharas in 5 words.
    // 0.15 × 16 + 2.5 × (16/5 − 3) = 2.4 + 0.5 = 2.9
    expect(vowelAksharas('எலும்பு', 'ta')).toBe(3)
    expect(scoreReadability('ta', ['எலும்பு வலி மிகவும் பொதுவான அறிகுறி.'])).toEqual({
      grade: 2.9,
      measure: 'akshara-grade',
      sentences: 1,
      words: 5,
      syllables: 16,
      reason: null,
    })
  })

  it('when Hindi text names a drug in Latin script, then that word counts its syllables, not its letters', () => {
    // डॉ|क्ट|र 3, ने 1, Pa-ra-ce-ta-mol 5, दी 1 = 10 aksharas in 4 words.
    // 0.15 × 10 + 2.5 × (10/4 − 2) = 1.5 + 1.25 = 2.75 → 2.8
    expect(scoreReadability('hi', ['डॉक्टर ने Paracetamol दी।'])).toMatchObject({ grade: 2.8, words: 4, syllables: 10 })
  })

  it('when a language has no measure of its own, then it has no grade and says so, rather than borrowing English', () => {
    expect(scoreReadability('mr', ['हाडांमध्ये वेदना होतात.'])).toEqual({ grade: null, measure: null, sentences: 0, words: 0, syllables: 0, reason: 'no-measure' })
  })

  it('when there is no text, then there is no grade', () => {
    expect(scoreReadability('en', [])).toMatchObject({ grade: null, measure: 'flesch-kincaid', reason: 'no-text' })
    expect(scoreReadability('hi', ['   '])).toMatchObject({ grade: null, measure: 'akshara-grade', reason: 'no-text' })
  })

  it('when lines have no full stop, then each is still a sentence of its own', () => {
    // The(1) most(1) com-mon(2) symp-tom(2) + Bone(1) Pain(1): 2 sentences, 6 words, 8 syllables.
    // 0.39 × 3 + 11.8 × 8/6 − 15.59 = 1.17 + 15.733 − 15.59 = 1.31 → 1.3
    expect(scoreReadability('en', ['Bone Pain', 'The most common symptom'])).toMatchObject({ grade: 1.3, sentences: 2, words: 6 })
  })
})

describe('the text that is measured', () => {
  it('when an article is read, then its summary, paragraphs and term explanations are measured, and headings are not', () => {
    const lines = readableLines({
      summary: 'What they are.',
      sections: [
        {
          content: [
            { blockType: 'prose', body: richText(paragraph(text('First paragraph.')), paragraph(text('Second paragraph.'))) },
            { blockType: 'termList', items: [{ term: 'Bone Pain', explanation: 'The most common symptom.', subItems: [{ term: 'At night', explanation: 'Tell your doctor.' }] }] },
          ],
        },
      ],
    })

    expect(lines).toEqual(['What they are.', 'First paragraph.', 'Second paragraph.', 'The most common symptom.', 'Tell your doctor.'])
  })
})

describe('the score stored with a text', () => {
  const content = { summary: 'Pain is the most common symptom. Tell your doctor.' }

  it('when the stored score was measured on the very text and language read, then it is used as stored', () => {
    const stored = storedReadability('en', content)
    const marked = { ...stored, grade: 99 }

    expect(stored.grade).toBe(scoreReadability('en', [content.summary]).grade)
    expect(articleReadability('en', { ...content, readability: marked })).toEqual({ ...scoreReadability('en', [content.summary]), grade: 99 })
  })

  it('when the text or the language differs from the one measured, then the stored score is ignored and the text is measured', () => {
    const marked = { ...storedReadability('en', content), grade: 99 }
    const changed = { summary: 'Bone pain can be worse at night.', readability: marked }

    expect(articleReadability('en', changed).grade).toBe(scoreReadability('en', [changed.summary]).grade)
    expect(articleReadability('hi', { ...content, readability: marked })).toEqual(scoreReadability('hi', [content.summary]))
    expect(articleReadability('en', { ...content, readability: { grade: 99 } }).grade).toBe(scoreReadability('en', [content.summary]).grade)
  })
})

describe('a specialty readability target', () => {
  it('when a specialty sets nothing, then the target is grade 8 and the mode is warn', () => {
    expect(readabilityPolicyOf({})).toEqual({ targetGrade: 8, mode: 'warn' })
  })

  it('when a grade is above the target, then the verdict carries the mode; at the target, it is within', () => {
    const score = scoreReadability('en', ['Bone metastases occur when cancer spreads to the bone. Pain is the most common symptom.'])

    expect(judgeReadability(score, { targetGrade: 4, mode: 'block' })).toEqual({ status: 'above', grade: 4.6, targetGrade: 4, mode: 'block' })
    expect(judgeReadability(score, { targetGrade: 4.6, mode: 'block' })).toEqual({ status: 'within', grade: 4.6, targetGrade: 4.6 })
    expect(judgeReadability(scoreReadability('mr', ['x']), { targetGrade: 8, mode: 'block' })).toEqual({ status: 'unscored', targetGrade: 8 })
  })
})
