/**
 * Runs asynchronous steps a few at a time. The first failure is kept and thrown by `drain`,
 * after every started step has settled, so no write is left running behind an error.
 */
export class WriteLanes {
  private readonly running = new Set<Promise<void>>()
  private failure: unknown = null

  constructor(private readonly width: number) {}

  async run(step: () => Promise<void>): Promise<void> {
    while (this.running.size >= this.width) await Promise.race(this.running)
    const started: Promise<void> = step()
      .catch((error: unknown) => {
        this.failure ??= error
      })
      .finally(() => this.running.delete(started))
    this.running.add(started)
  }

  async drain(): Promise<void> {
    await Promise.all(this.running)
    if (this.failure) throw this.failure
  }
}
