/**
 * The ledger rows one process may write (rows prepared plus recipients handed over) before it
 * makes way for a fresh process; 0 for no limit. A long send or digest preparation is split across
 * processes so no one process's memory grows with the list, whatever the database client keeps
 * per statement; see `NewsletterOptions.recipientsPerProcess`.
 */
export class ProcessAllowance {
  private spent = 0

  constructor(private readonly rows: number) {}

  spend(rows: number): void {
    this.spent += rows
  }

  /** Rows left; Infinity when there is no limit. */
  left(): number {
    return this.rows > 0 ? Math.max(0, this.rows - this.spent) : Number.POSITIVE_INFINITY
  }

  get exhausted(): boolean {
    return this.left() === 0
  }
}
