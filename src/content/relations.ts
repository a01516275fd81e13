/** The id a relationship field holds, whether it was read as an id or populated as a document; null when empty. */
export const relationId = (value: unknown): string | null =>
  value && typeof value === 'object' && 'id' in value ? String((value as { id: unknown }).id) : value ? String(value) : null
