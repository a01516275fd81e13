import { spawn } from 'node:child_process'
import path from 'node:path'

import { readEnvironment, type VariableSource } from '../../src/environment/readEnvironment'
import { temporaryLibrary } from '../support/environment'

const articleUrlPattern = (env: VariableSource) => readEnvironment(env).newsletter.articleUrlPattern

describe('the downstream site address', () => {
  it('when SITE_URL is an origin, then articles link to {locale}/articles/{slug} on it, and SITE_ARTICLE_URL replaces the whole pattern', () => {
    expect(articleUrlPattern({ SITE_URL: 'https://health.example.org/' })).toBe('https://health.example.org/{locale}/articles/{slug}')
    expect(articleUrlPattern({ SITE_URL: 'https://health.example.org', SITE_ARTICLE_URL: 'https://health.example.org/library/{slug}?lang={locale}' })).toBe(
      'https://health.example.org/library/{slug}?lang={locale}',
    )
  })

  it.each([
    ['a pattern as SITE_URL', { SITE_URL: 'https://health.example.org/{locale}/articles/{slug}' }, /SITE_URL .*origin only.*SITE_ARTICLE_URL/],
    ['a SITE_URL that is not a web address', { SITE_URL: 'health library' }, /not a web address/],
    ['a SITE_ARTICLE_URL without {slug}', { SITE_ARTICLE_URL: 'https://health.example.org/{locale}/articles' }, /has no \{slug\}/],
  ])('when the environment has %s, then reading it fails with SITE_URL_INVALID and says how to write it', (_what, env, message) => {
    expect(() => articleUrlPattern(env)).toThrow(expect.objectContaining({ code: 'SITE_URL_INVALID', message: expect.stringMatching(message) }))
  })

  it('when the product is started with a SITE_URL holding a pattern, then it stops before serving with a message naming SITE_ARTICLE_URL', async () => {
    const library = temporaryLibrary('site-url-refused')
    const child = spawn(process.execPath, [path.resolve('scripts/start.mjs')], {
      env: { ...process.env, ...library.env, SITE_URL: 'https://health.example.org/{locale}/articles/{slug}', PORT: '9', HOST: '127.0.0.1', NODE_OPTIONS: '', SKIP_BUILD: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    const code = await new Promise((resolve) => child.on('exit', resolve))

    expect(code).toBe(1)
    expect(output).toContain('Put an address pattern with {locale} and {slug} in SITE_ARTICLE_URL')
    expect(output).not.toContain('Serving the admin')
  })
})
