/*
 * An SMTP server that accepts every message and keeps count: the mail sink of the newsletter
 * benchmark, in its own process so it does not share the sender's event loop. Prints its port on
 * the first line, then answers on stdin:
 * - `count`: messages accepted so far;
 * - `audit <prefix> <n>`: for the addresses `<prefix>0@…` to `<prefix>(n-1)@…`, as one line of
 *   JSON, how many got exactly one message, more than one (`duplicates`), none (`missing`), how
 *   many messages went to other addresses with the prefix (`unexpected`), and when the first of
 *   them was accepted (milliseconds since the epoch).
 */
import { SMTPServer } from 'smtp-server'

let accepted = 0
/** Messages per recipient address, and when the first message with each prefix arrived. */
const received = new Map()
const firstAt = new Map()

const prefixOf = (address) => /^([^@]*?)\d*@/.exec(address)?.[1] ?? address

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData(stream, session, callback) {
    stream.on('data', () => undefined)
    stream.on('end', () => {
      accepted += 1
      for (const { address } of session.envelope.rcptTo) {
        received.set(address, (received.get(address) ?? 0) + 1)
        if (!firstAt.has(prefixOf(address))) firstAt.set(prefixOf(address), Date.now())
      }
      callback(null, 'Ok: queued')
    })
  },
})
server.on('error', () => undefined)
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${server.server.address().port}\n`)
})

function audit(prefix, n) {
  let once = 0
  let duplicates = 0
  let missing = 0
  const expected = new Set()
  for (let index = 0; index < n; index += 1) {
    const address = `${prefix}${index}@bench.test`
    expected.add(address)
    const times = received.get(address) ?? 0
    if (times === 0) missing += 1
    else if (times === 1) once += 1
    else duplicates += 1
  }
  let unexpected = 0
  for (const [address, times] of received) if (prefixOf(address) === prefix && !expected.has(address)) unexpected += times
  return { once, duplicates, missing, unexpected, firstAcceptedAt: firstAt.get(prefix) ?? null }
}

let buffered = ''
process.stdin.setEncoding('utf8')
process.stdin.on('data', (chunk) => {
  buffered += chunk
  for (let end = buffered.indexOf('\n'); end >= 0; end = buffered.indexOf('\n')) {
    const [command, prefix, n] = buffered.slice(0, end).trim().split(' ')
    buffered = buffered.slice(end + 1)
    if (command === 'count') process.stdout.write(`${accepted}\n`)
    if (command === 'audit') process.stdout.write(`${JSON.stringify(audit(prefix, Number(n)))}\n`)
  }
})
process.stdin.on('end', () => server.close(() => process.exit(0)))
