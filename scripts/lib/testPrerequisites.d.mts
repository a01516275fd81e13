export interface MissingPrerequisite {
  what: string
  debianPackage: string
}
export function chromiumCandidates(env?: NodeJS.ProcessEnv): string[]
export function findTestPrerequisites(env?: NodeJS.ProcessEnv): { chromium: string | null; missing: MissingPrerequisite[] }
export function installCommands(missing: MissingPrerequisite[]): string
