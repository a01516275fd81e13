export function distDir(env?: NodeJS.ProcessEnv): string
export function buildInputsHash(root?: string): string
export function buildIsCurrent(root?: string, env?: NodeJS.ProcessEnv, runId?: string): boolean
export function run(
  command: string,
  args: string[],
  options?: { env?: NodeJS.ProcessEnv; cwd?: string; quiet?: boolean },
): Promise<string>
export function ensureBuild(options?: {
  root?: string
  env?: NodeJS.ProcessEnv
  quiet?: boolean
  log?: (line: string) => void
  /** A build made earlier by the same run is reused even if sources changed since. */
  runId?: string
}): Promise<{ built: boolean }>
export function embeddedSecret(dataDir: string, env?: NodeJS.ProcessEnv): string
