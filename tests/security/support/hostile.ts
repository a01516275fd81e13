import type { Page } from 'playwright-core'

import { link, paragraph, richText, text } from '../../support/richText'

/** Visible text every hostile value carries, so a check can tell the value was shown at all. */
export const MARK = 'XSS-MARK'

/**
 * Script injections of the usual kinds, each of which counts itself in `window.__xss` if it ever
 * runs: a script element, event handlers, an SVG, a frame, a break out of a script element (as in
 * JSON-LD embedded in a page) and out of an attribute.
 */
export const XSS = [
  `${MARK} <script>window.__xss=(window.__xss||0)+1</script>`,
  `<img src=x onerror="window.__xss=(window.__xss||0)+1">`,
  `<svg onload="window.__xss=(window.__xss||0)+1"></svg>`,
  `"><iframe srcdoc="<script>parent.__xss=(parent.__xss||0)+1</script>"></iframe>`,
  `</script><script>window.__xss=(window.__xss||0)+1</script>`,
  `' onmouseover='window.__xss=(window.__xss||0)+1`,
].join(' ')

/** A hostile value for one field, with a label so a finding names where the value came from. */
export const hostile = (field: string) => `${field}: ${XSS}`

export const JAVASCRIPT_URL = 'javascript:window.__xss=(window.__xss||0)+1'

/** Rich text with a hostile paragraph and a link to `address` (a page, or a script the server must refuse). */
export function hostileRichText(field: string, address = 'https://example.org/"><script>window.__xss=1</script>') {
  return richText(paragraph(text(hostile(field))), paragraph(link(address, text(`${MARK} link`))))
}

export interface ScriptFindings {
  /** How many injected scripts ran (`window.__xss`). */
  ran: number
  /** Script elements, event-handler attributes and script addresses that came from the hostile values. */
  planted: string[]
  /** Whether the page shows the hostile text at all (as text, in a field or in the editor). */
  shown: boolean
}

/**
 * Looks at the page as the browser built it: injected scripts that ran, and any element, handler
 * or address that came from a hostile value (script, handler, `javascript:` or `srcdoc` markup).
 */
export async function scriptFindings(page: Page): Promise<ScriptFindings> {
  return page.evaluate((mark) => {
    const planted: string[] = []
    for (const element of Array.from(document.querySelectorAll('*'))) {
      const tag = element.tagName.toLowerCase()
      // The page's own scripts may carry the hostile text as data (Next.js serializes props into them); a planted one is the payload itself.
      if (tag === 'script' && /^\s*(window|parent)\.__xss/.test(element.textContent ?? '')) planted.push('<script>')
      for (const attribute of Array.from(element.attributes)) {
        if (attribute.name.startsWith('on') && attribute.value.includes('__xss')) planted.push(`<${tag} ${attribute.name}>`)
        if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(attribute.name) && /^\s*javascript:/i.test(attribute.value)) planted.push(`<${tag} ${attribute.name}="javascript:…">`)
        if (attribute.name === 'srcdoc' && attribute.value.includes('__xss')) planted.push(`<${tag} srcdoc>`)
      }
    }
    const fields = Array.from(document.querySelectorAll('input, textarea')) as (HTMLInputElement | HTMLTextAreaElement)[]
    const shown = document.body.innerText.includes(mark) || fields.some((field) => field.value.includes(mark))
    return { ran: Number((window as unknown as { __xss?: number }).__xss ?? 0), planted, shown }
  }, MARK)
}

/** Parses HTML as a browser would (inert: a template element), then looks for what could run. */
export async function htmlFindings(page: Page, html: string): Promise<string[]> {
  await page.setContent('<!doctype html><html><body></body></html>')
  return page.evaluate((source) => {
    const template = document.createElement('template')
    template.innerHTML = source
    const found: string[] = []
    const dangerous = new Set(['script', 'iframe', 'frame', 'object', 'embed', 'svg', 'math', 'img', 'style', 'link', 'meta', 'base', 'form', 'input', 'button'])
    for (const element of Array.from(template.content.querySelectorAll('*'))) {
      const tag = element.tagName.toLowerCase()
      if (dangerous.has(tag)) found.push(`<${tag}>`)
      for (const attribute of Array.from(element.attributes)) {
        if (attribute.name.startsWith('on')) found.push(`<${tag} ${attribute.name}>`)
        if (['href', 'src', 'action', 'formaction'].includes(attribute.name) && /^\s*(javascript|data|vbscript):/i.test(attribute.value)) found.push(`<${tag} ${attribute.name}=…>`)
        if (['srcdoc', 'style'].includes(attribute.name)) found.push(`<${tag} ${attribute.name}>`)
      }
    }
    return found
  }, html)
}

/** Every value under a key named `html` in a published file. */
export function htmlValues(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((item) => htmlValues(item, found))
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === 'html' && typeof child === 'string') found.push(child)
      else htmlValues(child, found)
    }
  }
  return found
}
