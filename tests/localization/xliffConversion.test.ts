import { js2xliff } from 'xliff'

import { articleUnits, sourceFingerprints, translationUpdate, type ArticleUnit } from '../../src/localization/articleUnits'
import { canonicalInline, inlineFromLexical, leafContainers, type LexicalNode } from '../../src/localization/inlineContent'
import { toXliffValue } from '../../src/localization/xliff/convert'
import { validateUnits } from '../../src/localization/xliff/import'
import { readXliff } from '../../src/localization/xliff/read'
import { articleInAllLocales } from './support/builders'

async function fileFor(units: ArticleUnit[], target: (unit: ArticleUnit) => unknown, trgLang = 'hi'): Promise<string> {
  const resources: Record<string, unknown> = {}
  for (const unit of units) resources[unit.id] = { source: toXliffValue(unit.source), target: target(unit) }
  return js2xliff({ sourceLanguage: 'en', targetLanguage: trgLang, resources: { 'article.a1': resources } }, { indent: '' })
}

describe('article units', () => {
  it('when an article is split into units, then every text has a stable id from its row ids, in reading order', () => {
    expect(articleUnits(articleInAllLocales(), 'hi').map((unit) => unit.id)).toEqual([
      'title',
      'summary',
      's.s1.heading',
      's.s1.b.b1.p1',
      's.s1.b.b1.p2',
      's.s2.heading',
      's.s2.b.b2.i.i1.term',
      's.s2.b.b2.i.i1.explanation',
      's.s2.b.b2.i.i1.i.i2.term',
      's.s2.b.b2.i.i1.i.i2.explanation',
    ])
  })

  it('when one section changes, then only that section and nothing else gets a new fingerprint', () => {
    const before = sourceFingerprints(articleUnits(articleInAllLocales(), 'hi'))
    const edited = articleInAllLocales()
    ;(edited.sections?.[1].content?.[0] as { items: Array<{ explanation: Record<string, string> }> }).items[0].explanation = { en: 'Where it began.' }
    const after = sourceFingerprints(articleUnits(edited, 'hi'))
    expect(Object.keys(after).filter((group) => after[group] !== before[group])).toEqual(['s2'])
  })
})

describe('XLIFF conversion', () => {
  it('when a unit with bold, italic, a link and a line break is written and read back, then its inline content is unchanged', async () => {
    const units = articleUnits(articleInAllLocales(), 'hi')
    const xml = await fileFor(units, () => undefined)
    expect(xml).toContain('<pc id="f1" type="fmt" subType="xlf:b">the most common</pc>')
    expect(xml).toContain('<pc id="l1" type="link"><pc id="f2" type="fmt" subType="xlf:i">pain relief</pc></pc>')
    const { file, problems } = readXliff(xml)
    expect(problems).toEqual([])
    const read = file?.units.find((unit) => unit.id === 's.s1.b.b1.p1')
    const unit = units.find((candidate) => candidate.id === 's.s1.b.b1.p1') as ArticleUnit
    const { inlineFromFile } = await import('../../src/localization/xliff/convert')
    expect(canonicalInline(inlineFromFile(read?.source ?? [], unit, 'source', []))).toBe(canonicalInline(unit.source))
  })

  it('when a translation moves the formatting, then the translated rich text keeps bold, italic and the source link', async () => {
    const article = articleInAllLocales()
    const units = articleUnits(article, 'hi')
    const xml = await fileFor(units, (unit) =>
      unit.id === 's.s1.b.b1.p1'
        ? [
            'हड्डी का दर्द ',
            { Span: { id: 'f1', type: 'fmt', subType: 'xlf:b', contents: 'सबसे आम' } },
            ' लक्षण है; देखें ',
            { Span: { id: 'l1', type: 'link', contents: [{ Span: { id: 'f2', type: 'fmt', subType: 'xlf:i', contents: 'दर्द से राहत' } }] } },
            { Standalone: { id: 'br3', type: 'fmt', subType: 'xlf:lb' } },
            'अपने डॉक्टर से पूछें।',
          ]
        : `हि ${unit.id}`,
    )
    const { file } = readXliff(xml)
    const { targets } = validateUnits(file as NonNullable<typeof file>, units, null, article)
    const update = translationUpdate(article, 'hi', targets) as { sections: Array<{ content: Array<{ body: { root: LexicalNode } }> }> }
    const [first] = leafContainers(update.sections[0].content[0].body.root)
    const children = first.node.children as LexicalNode[]
    expect(children.find((node) => node.text === 'सबसे आम')?.format).toBe(1)
    const anchor = children.find((node) => node.type === 'link') as LexicalNode
    expect(anchor.fields).toEqual({ url: 'https://example.org/pain', newTab: false, linkType: 'custom' })
    expect((anchor.children as LexicalNode[])[0]).toMatchObject({ text: 'दर्द से राहत', format: 2 })
    expect(children.some((node) => node.type === 'linebreak')).toBe(true)
    expect(inlineFromLexical(first.node).inline.map((part) => part.kind)).toEqual(['text', 'text', 'text', 'link', 'break', 'text'])
  })

  it.each([
    ['a truncated file', 'XLIFF_MALFORMED', '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="hi"><file id="article.a1"><unit id="title"><segment><source>T'],
    ['an entity-expansion attack', 'XLIFF_DOCTYPE_FORBIDDEN', '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><xliff>&lol2;</xliff>'],
    ['an XLIFF 1.2 file', 'XLIFF_NOT_XLIFF2', '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file/></xliff>'],
    ['an empty body', 'XLIFF_MALFORMED', ''],
  ])('when the file is %s, then reading it reports %s with nothing read', (_kind, code, xml) => {
    const { file, problems } = readXliff(xml)
    expect(file).toBeNull()
    expect(problems).toEqual([expect.objectContaining({ code })])
  })

  it('when a target holds a script element, then it is reported with its unit and line and the element is not read', () => {
    const xml = [
      '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="hi"><file id="article.a1">',
      '<unit id="title"><segment><source>Bone metastases</source>',
      '<target>ok<script>alert(1)</script></target></segment></unit></file></xliff>',
    ].join('\n')
    const { file, problems } = readXliff(xml)
    expect(problems).toEqual([expect.objectContaining({ code: 'XLIFF_FORBIDDEN_MARKUP', unit: 'title', line: 3 })])
    expect(file?.units[0].target).toEqual([{ kind: 'text', text: 'ok' }])
  })
})
