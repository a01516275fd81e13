import fs from 'node:fs'
import path from 'node:path'
import { validateXML } from 'xmllint-wasm'

import { readTree } from './support'

const schemaFile = (name: string) => ({ fileName: name, contents: fs.readFileSync(path.join(process.cwd(), 'tests', 'publishing', 'sitemapSchemas', name), 'utf8') })

export interface SitemapPage {
  loc: string
  lastmod: string | null
  /** hreflang → href, x-default included. */
  alternates: Map<string, string>
  file: string
}

/** The root index and each language's `<locale>/sitemap.xml`: sitemap indexes, not sitemaps. */
const isSitemapIndex = (file: string) => file === 'sitemap.xml' || /^[^/]+\/sitemap\.xml$/.test(file)

const unescape = (text: string) => text.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')

/** The pages every sitemap of the tree lists. */
export function sitemapPages(root: string): SitemapPage[] {
  const pages: SitemapPage[] = []
  for (const [file, bytes] of readTree(root)) {
    if (!file.endsWith('.xml') || isSitemapIndex(file)) continue
    for (const match of bytes.toString('utf8').matchAll(/<url>(.*?)<\/url>/g)) {
      const body = match[1]
      const alternates = new Map([...body.matchAll(/<xhtml:link rel="alternate" hreflang="([^"]+)" href="([^"]+)"\/>/g)].map((link) => [link[1], unescape(link[2])]))
      pages.push({ loc: unescape(/<loc>(.*?)<\/loc>/.exec(body)![1]), lastmod: /<lastmod>(.*?)<\/lastmod>/.exec(body)?.[1] ?? null, alternates, file })
    }
  }
  return pages
}

/** The sitemap files the index names, as addresses. */
export const sitemapIndexLocations = (root: string, index = 'sitemap.xml'): string[] =>
  [...fs.readFileSync(path.join(root, index), 'utf8').matchAll(/<loc>(.*?)<\/loc>/g)].map((match) => unescape(match[1]))

/**
 * Everything wrong with a tree's sitemaps: a file its sitemaps.org schema refuses (the urlsets
 * with the XHTML link, the index with the index schema), a page that does not name itself, an
 * hreflang link the page it names does not return, a page listed twice, an index that does not
 * name exactly the sitemap files of the tree. None when all is well.
 */
export async function sitemapProblems(root: string, siteOrigin: string): Promise<string[]> {
  const problems: string[] = []
  const tree = readTree(root)
  const sitemapFiles = [...tree.keys()].filter((file) => file.endsWith('.xml') && !isSitemapIndex(file))
  const indexFiles = [...tree.keys()].filter(isSitemapIndex)
  for (const file of [...sitemapFiles, ...indexFiles]) {
    const isIndex = isSitemapIndex(file)
    const result = await validateXML({
      xml: [{ fileName: file, contents: tree.get(file)!.toString('utf8') }],
      schema: [schemaFile(isIndex ? 'siteindex.xsd' : 'urlset.xsd')],
      preload: isIndex ? [] : [schemaFile('sitemap.xsd'), schemaFile('xhtml-link.xsd')],
    })
    if (!result.valid) problems.push(...result.errors.map((error) => `${file}: ${error.rawMessage}`))
  }
  if (sitemapFiles.length > 0 && !tree.has('sitemap.xml')) problems.push('sitemap.xml: missing while sitemaps exist')
  if (tree.has('sitemap.xml')) {
    const named = sitemapIndexLocations(root).sort()
    const present = sitemapFiles.map((file) => `${siteOrigin}/${file}`).sort()
    if (JSON.stringify(named) !== JSON.stringify(present)) problems.push(`sitemap.xml names ${JSON.stringify(named)} but the tree has ${JSON.stringify(present)}`)
  }
  const languages = new Set(sitemapFiles.map((file) => file.split('/')[0]))
  for (const language of new Set([...languages, ...indexFiles.filter((file) => file !== 'sitemap.xml').map((file) => file.split('/')[0])])) {
    const index = `${language}/sitemap.xml`
    const present = sitemapFiles.filter((file) => file.startsWith(`${language}/`)).map((file) => `${siteOrigin}/${file}`).sort()
    if (!tree.has(index)) problems.push(`${index}: missing while ${language} has sitemaps`)
    else if (JSON.stringify(sitemapIndexLocations(root, index).sort()) !== JSON.stringify(present)) problems.push(`${index} does not name exactly ${JSON.stringify(present)}`)
  }
  const pages = sitemapPages(root)
  const byLoc = new Map<string, SitemapPage>()
  for (const page of pages) {
    if (byLoc.has(page.loc)) problems.push(`${page.loc}: listed twice (${byLoc.get(page.loc)!.file}, ${page.file})`)
    byLoc.set(page.loc, page)
  }
  for (const page of pages) {
    if (![...page.alternates.entries()].some(([language, href]) => language !== 'x-default' && href === page.loc)) problems.push(`${page.loc}: does not name itself`)
    if (!page.alternates.has('x-default')) problems.push(`${page.loc}: has no x-default`)
    for (const [language, href] of page.alternates) {
      if (language === 'x-default') continue
      const other = byLoc.get(href)
      if (!other) problems.push(`${page.loc}: names ${href} (${language}), which no sitemap lists`)
      else if (![...other.alternates.values()].includes(page.loc)) problems.push(`${page.loc}: names ${href}, which does not name it back`)
    }
  }
  return problems
}
