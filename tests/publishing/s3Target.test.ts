import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import S3rver from 's3rver'

import { S3Target } from '../../src/publishing/targets/s3Target'

/*
 * No real S3-compatible server can be installed here, so the S3 target is tested against s3rver,
 * an S3-compatible server running in this process on 127.0.0.1, through the real AWS SDK v3.
 */
let server: S3rver
let endpoint: string
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vitalpress-s3-'))

beforeAll(async () => {
  server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: dir, configureBuckets: [{ name: 'library', configs: [] }] })
  const address = (await server.run()) as AddressInfo
  endpoint = `http://127.0.0.1:${address.port}`
})

afterAll(async () => {
  await server.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

const target = (bucket = 'library') =>
  new S3Target({
    bucket,
    prefix: 'site/',
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    cacheControl: 'public, max-age=60',
  })

describe('the S3 target', () => {
  it('when files are written, listed, read and removed, then the bucket holds exactly what the publisher asked for under the prefix', async () => {
    const bucket = target()
    await bucket.write('en/articles/a.json', Buffer.from('{"a":1}\n'))
    await bucket.write('manifest.json', Buffer.from('{"kind":"manifest","files":[],"tombstones":[]}\n'))
    expect(await bucket.list()).toEqual(new Map([['en/articles/a.json', 8], ['manifest.json', 47]]))
    expect((await bucket.read('en/articles/a.json'))?.toString()).toBe('{"a":1}\n')
    expect(await bucket.read('en/articles/missing.json')).toBeNull()
    await bucket.remove('en/articles/a.json')
    expect([...(await bucket.list()).keys()]).toEqual(['manifest.json'])
  })

  it('when the bucket does not exist, then the error names the bucket and what to check', async () => {
    const missing = target('nowhere')
    await expect(missing.write('x.json', Buffer.from('{}'))).rejects.toMatchObject({ code: 'PUBLISH_TARGET_UNREACHABLE', message: expect.stringContaining('PUBLISH_S3_') })
  })
})
