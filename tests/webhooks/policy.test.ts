import { endpointUrlProblem, isPublicAddress } from '../../src/webhooks/addressPolicy'
import { parseRetryAfter, retryDelayMs, verdictOf } from '../../src/webhooks/retryPolicy'

const options = { maxAttempts: 10, baseDelayMs: 1000, maxDelayMs: 60_000 }

describe('webhook retries', () => {
  it('when attempts fail one after another, then the wait grows exponentially, with jitter, and never passes the ceiling', () => {
    expect([1, 2, 3, 4].map((failed) => retryDelayMs(failed, options, null, () => 1))).toEqual([1000, 2000, 4000, 8000])
    expect([1, 2, 3, 4].map((failed) => retryDelayMs(failed, options, null, () => 0))).toEqual([500, 1000, 2000, 4000])
    expect(retryDelayMs(20, options, null, () => 1)).toBe(60_000)
  })

  it('when the receiver sends Retry-After, then it decides the wait, within the ceiling', () => {
    expect(parseRetryAfter('7')).toBe(7000)
    expect(parseRetryAfter(new Date(Date.UTC(2025, 6, 3, 0, 0, 30)).toUTCString(), new Date(Date.UTC(2025, 6, 3)))).toBe(30_000)
    expect(parseRetryAfter('soon')).toBeNull()
    expect(retryDelayMs(1, options, 7000, () => 0)).toBe(7000)
    expect(retryDelayMs(1, options, 3_600_000, () => 0)).toBe(60_000)
  })

  it('when answers come back, then 2xx is delivered, 410 is gone, 429, 5xx and no answer are retried, other 4xx are not', () => {
    expect([200, 204, 410, 429, 500, 503, null, 400, 404].map(verdictOf)).toEqual(['delivered', 'delivered', 'gone', 'retry', 'retry', 'retry', 'retry', 'rejected', 'rejected'])
  })
})

describe('webhook addresses', () => {
  it('when an address is loopback, private, link-local or reserved, then it is not public', () => {
    expect(['127.0.0.1', '10.0.0.8', '172.16.4.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1'].filter(isPublicAddress)).toEqual([])
    expect(['93.184.216.34', '2606:4700:4700::1111'].every(isPublicAddress)).toBe(true)
  })

  it('when an endpoint URL names a private address, then it is refused unless private addresses are allowed', () => {
    expect(endpointUrlProblem('http://127.0.0.1:8080/hook', false)).toContain('Allow private addresses')
    expect(endpointUrlProblem('http://printer.local/hook', false)).toContain('private')
    expect(endpointUrlProblem('http://127.0.0.1:8080/hook', true)).toBeNull()
    expect(endpointUrlProblem('https://hooks.example.org/vitalpress', false)).toBeNull()
    expect(endpointUrlProblem('ftp://example.org', false)).toContain('http')
    expect(endpointUrlProblem('https://user:pw@example.org', false)).toContain('passwords')
  })
})
