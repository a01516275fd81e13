/** The part of the `xliff` package (which ships no types) that the XLIFF export uses. */
declare module 'xliff' {
  export interface XliffResources {
    sourceLanguage: string
    targetLanguage?: string
    resources: Record<string, Record<string, unknown>>
  }
  export function js2xliff(resources: XliffResources, options?: { indent?: string; targetXliffVersion?: string }): Promise<string>
}
