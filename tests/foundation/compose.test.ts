import { spawnSync } from 'node:child_process'

import { parse } from 'yaml'

import { readEnvironment } from '../../src/environment/readEnvironment'
import { EmailTextCatalog } from '../../src/newsletter/email/texts'
import { renderUpdateEmail } from '../../src/newsletter/email/templates'
import { articleUrl } from '../../src/content/siteAddress'

/** Runs docker-compose with only PATH and the given variables, so nothing from the caller leaks in. */
function compose(args: string[], variables: Record<string, string | undefined>) {
  const env: NodeJS.ProcessEnv = { ...process.env }
  for (const name of Object.keys(env)) if (name !== 'PATH') delete env[name]
  Object.assign(env, variables)
  return spawnSync('docker-compose', ['-f', 'docker-compose.yml', ...args], { encoding: 'utf8', env })
}

describe('docker-compose.yml', () => {
  beforeAll(() => {
    const probe = spawnSync('docker-compose', ['version'], { encoding: 'utf8' })
    if (probe.error) throw new Error('docker-compose is not installed: run the tests with `npm test`, which installs it on Debian or names the command elsewhere.')
  })

  it('when the compose file is checked, then it is valid and has MongoDB, the mail catcher, the app and the worker', () => {
    const check = compose(['config', '-q'], { PAYLOAD_SECRET: 'a'.repeat(64) })
    const services = compose(['config', '--services'], { PAYLOAD_SECRET: 'a'.repeat(64) })

    expect(check.stderr).toBe('')
    expect(check.status).toBe(0)
    expect(services.stdout.trim().split('\n').sort()).toEqual(['app', 'mailcatcher', 'mongo', 'worker'])
  })

  it('when the resolved configuration is read, then the app and worker share a replica-set DATABASE_URI and SMTP_URL and MongoDB starts as rs0', () => {
    const resolved = compose(['config'], { PAYLOAD_SECRET: 'a'.repeat(64) }).stdout

    expect(resolved.match(/DATABASE_URI: mongodb:\/\/mongo:27017\/vitalpress\?replicaSet=rs0/g)).toHaveLength(2)
    expect(resolved.match(/SMTP_URL: smtp:\/\/mailcatcher:1025/g)).toHaveLength(2)
    expect(resolved).toMatch(/--replSet[\s\S]*rs0/)
    expect(resolved).toMatch(/rs\.initiate/)
    expect(resolved).toMatch(/- npm\s+- run\s+- worker/)
  })

  it('when PAYLOAD_SECRET is not set, then compose refuses with a message saying to set it', () => {
    const check = compose(['config', '-q'], { PAYLOAD_SECRET: undefined })

    expect(check.status).not.toBe(0)
    expect(check.stderr).toContain('Set PAYLOAD_SECRET to a random value of at least 32 characters')
  })

  interface ResolvedService {
    environment?: Record<string, string>
    ports?: unknown[]
    container_name?: string
  }
  const resolvedServices = (): Record<string, ResolvedService> =>
    (parse(compose(['config'], { PAYLOAD_SECRET: 'a'.repeat(64) }).stdout) as { services: Record<string, ResolvedService> }).services

  it('when an update email is rendered with the app environment compose resolves, then its link is the article page on the downstream site', async () => {
    const { app, worker } = resolvedServices()
    const options = readEnvironment(app.environment).newsletter
    const link = articleUrl(options.articleUrlPattern, 'hi', 'bone-metastases')
    const email = await renderUpdateEmail(new EmailTextCatalog().for('hi'), {
      changeKind: 'clinical',
      title: 'Bone Metastases',
      changelogNote: null,
      lastUpdated: '2025-07-03T00:00:00.000Z',
      articleUrl: link,
    })

    expect(app.environment?.SITE_URL).toBe('https://health.example.org')
    expect(worker.environment?.SITE_ARTICLE_URL).toBe(app.environment?.SITE_ARTICLE_URL)
    expect(link).toBe('https://health.example.org/hi/articles/bone-metastases')
    expect(email.text).toContain(': https://health.example.org/hi/articles/bone-metastases\n')
    expect(email.html.match(/href="https:\/\/health\.example\.org[^"]*"/g)).toEqual(['href="https://health.example.org/hi/articles/bone-metastases"'])
  })

  it('when the worker is scaled, then nothing in its service pins one copy: no container name and no host ports', () => {
    const { worker } = resolvedServices()

    expect(worker).toBeDefined()
    expect(worker.container_name).toBeUndefined()
    expect(worker.ports).toBeUndefined()
  })
})
