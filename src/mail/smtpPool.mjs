/*
 * The SMTP pool's connections, in plain JavaScript so that both the product's transport
 * (`transport.ts`) and the mail thread (`smtpThread.mjs`, which Node loads without a compiler)
 * open them the same way.
 */
import net from 'node:net'

/** How long a connection to the SMTP server may take to open: nodemailer's own default. */
const CONNECT_TIMEOUT_MS = 2 * 60_000

/**
 * Opens each pooled connection's socket without Nagle's delay. An SMTP client writes a command,
 * then waits for the answer; with the delay, the end of each message waited for the server's
 * delayed acknowledgement (about 40 ms on Linux), so five connections carried about 100 messages
 * a second to a server on the same host, and about 650 without it. nodemailer then speaks SMTP on
 * the open socket, starting TLS on it for `smtps:` and on STARTTLS as it would on its own.
 *
 * @param {{ host?: string, port?: number, connectionTimeout?: number }} options
 * @param {(error: Error | null, socketOptions?: { connection: net.Socket }) => void} callback
 */
export function connectWithoutDelay(options, callback) {
  const { host = 'localhost', port = 25, connectionTimeout = CONNECT_TIMEOUT_MS } = options
  /** @type {net.Socket} */
  let socket
  try {
    socket = net.connect({ host, port, noDelay: true })
  } catch (error) {
    setImmediate(() => callback(/** @type {Error} */ (error)))
    return
  }
  /** @param {Error} error */
  const fail = (error) => {
    clearTimeout(timer)
    socket.destroy()
    callback(error)
  }
  const timer = setTimeout(
    () => fail(Object.assign(new Error(`No connection to the SMTP server ${host}:${port} within ${connectionTimeout} ms.`), { code: 'ETIMEDOUT' })),
    connectionTimeout,
  )
  socket.once('error', fail)
  socket.once('connect', () => {
    clearTimeout(timer)
    socket.off('error', fail)
    callback(null, { connection: socket })
  })
}

/**
 * nodemailer's options for a pool to `smtpUrl` (`smtp://user:pass@host:port`, `smtps://…`;
 * `?ignoreTLS=true`, `?tlsRejectUnauthorized=false`): plain data, so they can be handed to a thread.
 *
 * @param {{ smtpUrl: string, maxConnections: number, rateLimit: number }} options
 */
export function smtpPoolOptions({ smtpUrl, maxConnections, rateLimit }) {
  const url = new URL(smtpUrl)
  return {
    pool: /** @type {const} */ (true),
    host: url.hostname,
    port: Number(url.port || (url.protocol === 'smtps:' ? 465 : 25)),
    secure: url.protocol === 'smtps:',
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    maxConnections,
    rateLimit: rateLimit > 0 ? rateLimit : undefined,
    tls: { rejectUnauthorized: url.searchParams.get('tlsRejectUnauthorized') !== 'false' },
    ignoreTLS: url.searchParams.get('ignoreTLS') === 'true',
  }
}
