/**
 * Told in the browser when a document changed on the server by other means than its form's own
 * save (a workflow transition), so the server-rendered panels of its screen can be shown afresh.
 */
export const DOCUMENT_CHANGED = 'vitalpress:document-changed'

export interface DocumentChangedDetail {
  id: string
}

export function announceDocumentChanged(id: number | string): void {
  window.dispatchEvent(new CustomEvent<DocumentChangedDetail>(DOCUMENT_CHANGED, { detail: { id: String(id) } }))
}
