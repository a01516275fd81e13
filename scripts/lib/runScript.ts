/**
 * Runs a command-line script to its end and exits with its outcome. `payload run` exits with 0
 * when a script's module never finishes loading, so a script that did not reach its end is
 * turned into a failure here instead of passing for a success that did nothing.
 */
export async function runScript(name: string, main: () => Promise<void>): Promise<never> {
  let finished = false
  process.on('exit', (code) => {
    if (code === 0 && !finished) {
      console.error(`${name} stopped before it finished; nothing was reported as done. Run it again.`)
      process.exitCode = 70
    }
  })
  try {
    await main()
    finished = true
    process.exit(0)
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string }
    console.error(`${name} failed${code ? ` (${code})` : ''}: ${message ?? String(error)}`)
    finished = true
    process.exit(1)
  }
}
