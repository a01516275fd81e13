import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'

import { assertRelativePath, PublishTargetError, type PublishTarget } from './target'

export interface FileTargetOptions {
  /** The publish root (`PUBLISH_DIR`). */
  root: string
  /**
   * Where files are written before they are renamed into place. It must be on the same file
   * system as the root, and outside it so the tree never holds a partly written file.
   */
  stagingDir: string
  /** Flush each file to disk before it is renamed in, so a power cut cannot leave it empty. */
  fsync: boolean
}

/**
 * The published tree in a folder. Each write goes to a staging file that is renamed over the
 * old one, an atomic step on one file system: a reader, or a process killed mid-write, sees
 * the old file or the new one whole.
 */
export class FileTarget implements PublishTarget {
  readonly description: string
  private readonly root: string
  private readonly stagingDir: string
  /** Folders known to exist, so a rebuild of thousands of files asks for each folder once. */
  private readonly folders = new Set<string>()

  constructor(private readonly options: FileTargetOptions) {
    this.root = path.resolve(options.root)
    this.stagingDir = path.resolve(options.stagingDir)
    this.description = `folder ${this.root}`
  }

  private resolve(relative: string): string {
    assertRelativePath(relative)
    return path.join(this.root, ...relative.split('/'))
  }

  async read(relative: string): Promise<Buffer | null> {
    try {
      return await fs.readFile(this.resolve(relative))
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw error
    }
  }

  async write(relative: string, bytes: Buffer): Promise<void> {
    const destination = this.resolve(relative)
    const staged = path.join(this.stagingDir, `${randomBytes(8).toString('hex')}.tmp`)
    try {
      await this.ensureFolder(this.stagingDir)
      await this.ensureFolder(path.dirname(destination))
      if (this.options.fsync) {
        const handle = await fs.open(staged, 'w')
        try {
          await handle.writeFile(bytes)
          await handle.sync()
        } finally {
          await handle.close()
        }
      } else {
        await fs.writeFile(staged, bytes)
      }
      await fs.rename(staged, destination)
    } catch (error) {
      await fs.rm(staged, { force: true })
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'EXDEV') {
        throw new PublishTargetError(
          `The staging folder ${this.stagingDir} is on another file system than ${this.root}, so files cannot be moved in atomically. Set PUBLISH_STAGING_DIR to a folder on the same disk or volume.`,
          'PUBLISH_TARGET_CONFIG',
          { cause: error },
        )
      }
      throw new PublishTargetError(`Cannot write ${destination} (${code ?? (error as Error).message}); check that the folder is writable.`, 'PUBLISH_TARGET_UNWRITABLE', {
        cause: error,
      })
    }
  }

  private async ensureFolder(folder: string): Promise<void> {
    if (this.folders.has(folder)) return
    await fs.mkdir(folder, { recursive: true })
    this.folders.add(folder)
  }

  async remove(relative: string): Promise<void> {
    await fs.rm(this.resolve(relative), { force: true })
  }

  async list(): Promise<Map<string, number>> {
    const files = new Map<string, number>()
    const walk = async (folder: string, prefix: string) => {
      let entries: import('node:fs').Dirent[]
      try {
        entries = await fs.readdir(folder, { withFileTypes: true })
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return
        throw error
      }
      for (const entry of entries) {
        const relative = prefix ? `${prefix}/${entry.name}` : entry.name
        if (entry.isDirectory()) await walk(path.join(folder, entry.name), relative)
        else if (entry.isFile()) files.set(relative, (await fs.stat(path.join(folder, entry.name))).size)
      }
    }
    await walk(this.root, '')
    return files
  }

  async recover(): Promise<void> {
    this.folders.clear()
    await fs.rm(this.stagingDir, { recursive: true, force: true })
  }
}
