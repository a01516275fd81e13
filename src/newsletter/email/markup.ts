import sanitizeHtml from 'sanitize-html'

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => ENTITIES[character])
}

/**
 * Editors' text as plain text: markup they typed or pasted is dropped, never passed on, so the
 * only HTML in an email is the template's own.
 */
export function plainText(value: string | null | undefined): string {
  const stripped = sanitizeHtml(String(value ?? ''), { allowedTags: [], allowedAttributes: {} })
  return stripped
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .trim()
}
