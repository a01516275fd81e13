/*
 * An SMTP server that accepts every message and counts it: the mail sink of the newsletter
 * benchmark, in its own process so it does not share the sender's event loop. Prints its port
 * on the first line; answers "count" on stdin with the number of accepted messages.
 */
import { SMTPServer } from 'smtp-server'

let accepted = 0
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData(stream, _session, callback) {
    stream.on('data', () => undefined)
    stream.on('end', () => {
      accepted += 1
      callback(null, 'Ok: queued')
    })
  },
})
server.on('error', () => undefined)
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${server.server.address().port}\n`)
})
process.stdin.setEncoding('utf8')
process.stdin.on('data', (line) => {
  if (line.trim() === 'count') process.stdout.write(`${accepted}\n`)
})
process.stdin.on('end', () => server.close(() => process.exit(0)))
