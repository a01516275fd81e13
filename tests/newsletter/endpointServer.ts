import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Payload } from 'payload'

export interface EndpointServer {
  baseURL: string
  stop(): Promise<void>
}

/**
 * Serves the library's root endpoints over HTTP on 127.0.0.1, as Next.js hands them requests, so
 * a provider's webhook call is a real request with real headers and body without a production
 * build.
 */
export async function serveRootEndpoints(payload: Payload): Promise<EndpointServer> {
  const server = http.createServer(async (incoming, outgoing) => {
    const chunks: Buffer[] = []
    for await (const chunk of incoming) chunks.push(chunk as Buffer)
    const url = new URL(incoming.url ?? '/', `http://${incoming.headers.host}`)
    const path = url.pathname.replace(/^\/api/, '')
    const method = (incoming.method ?? 'GET').toLowerCase()
    const endpoint = payload.config.endpoints.find((candidate) => candidate.path === path && candidate.method === method)
    if (!endpoint) {
      outgoing.writeHead(404).end()
      return
    }
    const headers = new Headers()
    for (const [name, value] of Object.entries(incoming.headers)) if (typeof value === 'string') headers.set(name, value)
    const request = new Request(url, { method: incoming.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined })
    const response: Response = await endpoint.handler(Object.assign(request, { payload, searchParams: url.searchParams, routeParams: {} }) as never)
    outgoing.writeHead(response.status, Object.fromEntries(response.headers.entries()))
    outgoing.end(Buffer.from(await response.arrayBuffer()))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    baseURL: `http://127.0.0.1:${port}`,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
