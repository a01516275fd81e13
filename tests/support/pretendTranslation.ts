/**
 * A pretend translation of an article's texts for tests: every text of `source` (title, summary,
 * section headings, prose and term lists, nested terms) with `prefix` before it. A text that
 * already carries the prefix is not given it twice, so a translation can be brought up to date.
 */
export function pretendTranslation(source: any, prefix: string): { title: string; summary: string; sections: any[] } {
  const text = (value: string) => `${prefix}${value.replace(prefix, '')}`
  const lexical = (node: any): any => ({ ...node, ...(node.text ? { text: text(node.text) } : {}), ...(node.children ? { children: node.children.map(lexical) } : {}) })
  const terms = (items: any[] | null | undefined): any[] =>
    (items ?? []).map((item) => ({ ...item, term: text(item.term), explanation: text(item.explanation), ...(item.subItems ? { subItems: terms(item.subItems) } : {}) }))
  return {
    title: text(source.title),
    summary: text(source.summary),
    sections: source.sections.map((section: any) => ({
      ...section,
      heading: text(section.heading),
      content: section.content.map((block: any) =>
        block.blockType === 'prose' ? { ...block, body: { root: lexical(block.body.root) } } : { ...block, items: terms(block.items) },
      ),
    })),
  }
}
