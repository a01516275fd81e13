/** The first value of a view's query parameter (`?status=failed`), or an empty string. */
export const firstParam = (value: string | string[] | undefined): string => (Array.isArray(value) ? value[0] : value) ?? ''
