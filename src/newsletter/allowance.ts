/**
 * The ledger rows one process may write (rows prepared plus recipients handed over) before it
 * makes way for a fresh process; 0 for no limit. The SQLite client never gives back the native
 * memory of a statement it ran (tens of kilobytes for a ledger insert, which touches every index
 * of the table), so a long send is split across processes; see `NewsletterOptions.recipientsPerProcess`.
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
