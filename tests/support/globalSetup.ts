// @ts-expect-error -- plain ESM module shared with `npm start`; it has no type declarations.
import { ensureBuild } from '../../scripts/lib/build.mjs'

/** The HTTP and browser tests run against the production build, made once per run when stale. */
export default async function globalSetup(): Promise<void> {
  await ensureBuild({ quiet: true, log: (line: string) => process.stdout.write(`${line}\n`) })
}
