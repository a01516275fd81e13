export interface MissingPrerequisite {
  what: string
  debianPackage: string
}
export function chromiumCandidates(env?: Record<string, string | undefined>): string[]
export function findTestPrerequisites(env?: Record<string, string | undefined>): { chromium: string | null; missing: MissingPrerequisite[] }
export function installCommands(missing: MissingPrerequisite[]): string
