import net from 'node:net'

/**
 * Addresses a webhook must not reach unless an admin allows it: loopback, private networks,
 * link-local (cloud metadata services live there), carrier-grade NAT, multicast and reserved
 * ranges. Refusing them keeps an endpoint URL from turning the server into a probe of its own
 * network.
 */
const blocked = new net.BlockList()
for (const [network, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24],
  ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv4')
}
for (const [network, prefix] of [
  ['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['2001:db8::', 32], ['64:ff9b:1::', 48],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv6')
}

/**
 * The IPv4 address inside an IPv6 one that carries it: IPv4-mapped (`::ffff:a.b.c.d`, which URLs
 * write as `::ffff:7f00:1`), IPv4-compatible (`::a.b.c.d`) and NAT64 (`64:ff9b::a.b.c.d`). A
 * connection to such an address reaches the IPv4 host, so it is judged as that host.
 */
function embeddedIpv4(address: string): string | null {
  const dotted = /^(?:::ffff:|::|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  if (dotted) return dotted[1]
  const hex = /^(?:::ffff:|::|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address)
  if (!hex) return null
  const high = parseInt(hex[1], 16)
  const low = parseInt(hex[2], 16)
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.')
}

/** True for an address on the public internet. */
export function isPublicAddress(address: string): boolean {
  const family = net.isIP(address)
  if (family === 4) return !blocked.check(address, 'ipv4')
  if (family === 6) {
    const ipv4 = embeddedIpv4(address)
    if (ipv4) return isPublicAddress(ipv4)
    return !blocked.check(address, 'ipv6')
  }
  return false
}

export class WebhookAddressError extends Error {
  readonly code = 'WEBHOOK_ADDRESS_REFUSED'
}

const LOCAL_NAMES = /(^|\.)(localhost|local|internal|localdomain|home\.arpa)$/i

/**
 * What is wrong with an endpoint URL as written, or null. Names are resolved only when a request
 * is made (see the guarded lookup in signedRequest.ts), so this catches literal addresses and local names.
 */
export function endpointUrlProblem(value: string, allowPrivate: boolean): string | null {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return 'Give a full address starting with https://, such as https://example.org/hooks/vitalpress.'
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'Only http:// and https:// addresses can receive webhooks.'
  if (url.username || url.password) return 'Leave user names and passwords out of the address; the signature authenticates each request.'
  if (allowPrivate) return null
  const host = url.hostname.replace(/^\[|\]$/g, '')
  if (net.isIP(host) ? !isPublicAddress(host) : LOCAL_NAMES.test(host)) {
    return `${url.hostname} is a loopback or private-network address. Webhooks go to public addresses only, unless an admin turns on "Allow private addresses" in Webhook settings.`
  }
  return null
}
