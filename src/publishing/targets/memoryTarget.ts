import { assertRelativePath, type PublishTarget } from './target'

/** Keeps the published tree in memory: for unit tests, and to plan a dry run. */
export class MemoryTarget implements PublishTarget {
  readonly description = 'memory'
  readonly files = new Map<string, Buffer>()
  writes = 0

  async read(path: string): Promise<Buffer | null> {
    return this.files.get(path) ?? null
  }

  async write(path: string, bytes: Buffer): Promise<void> {
    assertRelativePath(path)
    this.writes += 1
    this.files.set(path, Buffer.from(bytes))
  }

  async remove(path: string): Promise<void> {
    this.files.delete(path)
  }

  async list(): Promise<Map<string, number>> {
    return new Map([...this.files].map(([path, bytes]) => [path, bytes.length]))
  }
}
