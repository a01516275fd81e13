import { EnvironmentError } from './errors'

/** One environment variable: how its text becomes a typed value, and what it is when unset. */
export interface Variable<Value> {
  /** What the variable takes, as the refusal and the README say it ("a whole number of at least 1"). */
  accepts: string
  /** The README table's default cell: `` `600` ``, `(none)`, or how the default is worked out. */
  shownDefault: string
  /** Its value is a password or key, never repeated in a message or a log. */
  secret: boolean
  /** The value when the variable is unset or empty. */
  fallback: Value
  /** The value of a set variable; throws EnvironmentError when it cannot be used. */
  read: (raw: string, name: string) => Value
}

interface VariableOptions<Value> {
  fallback: Value
  /** How the README states a default that is worked out from other settings. */
  derivedDefault?: string
  secret?: boolean
}

function shownDefault(fallback: unknown, derivedDefault: string | undefined): string {
  if (derivedDefault !== undefined) return derivedDefault
  return fallback === undefined ? '(none)' : `\`${String(fallback)}\``
}

function variable<Value>(accepts: string, options: VariableOptions<Value>, read: (raw: string, refuse: () => never) => Value): Variable<Value> {
  const declared: Variable<Value> = {
    accepts,
    shownDefault: shownDefault(options.fallback, options.derivedDefault),
    secret: options.secret ?? false,
    fallback: options.fallback,
    read: (raw, name) => read(raw, () => refuse(name, raw, declared)),
  }
  return declared
}

function refuse(name: string, raw: string, declared: Variable<unknown>): never {
  const shown = declared.secret ? '(hidden)' : raw
  const unset = declared.shownDefault === '(none)' ? 'or leave it unset' : `or leave it unset for the default, ${declared.shownDefault.replace(/`/g, '')}`
  throw new EnvironmentError({ message: `${name}="${shown}" cannot be used: give ${declared.accepts}, ${unset}.`, code: 'ENVIRONMENT_INVALID', details: {
    variable: name,
    ...(declared.secret ? {} : { value: raw }),
    accepts: declared.accepts,
  } })
}

/**
 * A count, size or duration. `min` is 1 unless 0 has a meaning of its own ("no limit", "trust no
 * proxy"); nothing here takes a fraction or a negative number.
 */
export function wholeNumber(options: VariableOptions<number> & { min?: 0 | 1; max?: number }): Variable<number> {
  const min = options.min ?? 1
  const accepts = options.max === undefined ? `a whole number of at least ${min}` : `a whole number from ${min} to ${options.max}`
  return variable(accepts, options, (raw, refused) => {
    const value = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : NaN
    if (!Number.isSafeInteger(value) || value < min || (options.max !== undefined && value > options.max)) refused()
    return value
  })
}

const FLAG_WORDS: Record<string, boolean> = { true: true, false: false, '1': true, '0': false, yes: true, no: false, on: true, off: false }

export function flag<Fallback extends boolean | undefined>(options: VariableOptions<Fallback>): Variable<boolean | Fallback> {
  return variable<boolean | Fallback>('true or false (also 1/0, yes/no, on/off)', options, (raw, refused) => {
    const value = FLAG_WORDS[raw.trim().toLowerCase()]
    return value ?? refused()
  })
}

export function oneOf<const Choice extends string, Fallback extends Choice | undefined>(
  choices: readonly Choice[],
  options: VariableOptions<Fallback> & { ignoreCase?: boolean },
): Variable<Choice | Fallback> {
  return variable<Choice | Fallback>(`one of ${choices.join(', ')}`, options, (raw, refused) => {
    const given = options.ignoreCase ? raw.trim().toLowerCase() : raw.trim()
    return choices.find((choice) => choice === given) ?? refused()
  })
}

export function text<Fallback extends string | undefined>(options: VariableOptions<Fallback>): Variable<string | Fallback> {
  return variable<string | Fallback>('any text', options, (raw) => raw)
}

/** A folder; relative paths are resolved against the working directory when the environment is read. */
export function folder<Fallback extends string | undefined>(options: VariableOptions<Fallback>): Variable<string | Fallback> {
  return variable<string | Fallback>('a folder path', options, (raw) => raw.trim())
}

/** An absolute address with one of `protocols` (`https:`), without a trailing slash. */
export function webAddress(options: VariableOptions<string | undefined> & { protocols: string[]; example: string }): Variable<string | undefined> {
  const schemes = options.protocols.map((protocol) => `${protocol}//`).join(' or ')
  return variable(`a ${schemes} address such as ${options.example}`, options, (raw, refused) => {
    let address: URL
    try {
      address = new URL(raw.trim())
    } catch {
      return refused()
    }
    if (!options.protocols.includes(address.protocol)) refused()
    return raw.trim().replace(/\/+$/, '')
  })
}

const MAILBOX = /^[^@\s]+@[^@\s]+$/

export function mailbox<Fallback extends string | undefined>(options: VariableOptions<Fallback>): Variable<string | Fallback> {
  return variable<string | Fallback>('an email address such as library@health.example.org', options, (raw, refused) => (MAILBOX.test(raw.trim()) ? raw.trim() : refused()))
}

/** Web origins, comma-separated: `https://health.example.org,https://www.health.example.org`. */
export function origins(options: VariableOptions<string[]>): Variable<string[]> {
  return variable('comma-separated origins such as https://health.example.org', options, (raw, refused) =>
    raw
      .split(',')
      .map((origin) => origin.trim().replace(/\/$/, ''))
      .filter(Boolean)
      .map((origin) => {
        try {
          const address = new URL(origin)
          if ((address.protocol === 'https:' || address.protocol === 'http:') && address.origin === origin) return origin
        } catch {
          // refused below
        }
        return refused()
      }),
  )
}

/** Amazon SNS topics, comma-separated: `arn:aws:sns:eu-west-1:123456789012:vitalpress-bounces`. */
export function topicArns(options: VariableOptions<string[]>): Variable<string[]> {
  const ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$/
  return variable('comma-separated SNS topic ARNs such as arn:aws:sns:eu-west-1:123456789012:vitalpress-bounces', options, (raw, refused) =>
    raw
      .split(',')
      .map((arn) => arn.trim())
      .filter(Boolean)
      .map((arn) => (ARN.test(arn) ? arn : refused())),
  )
}

/**
 * Host names, comma-separated, where `*` stands for one label of a name (`sns.*.amazonaws.com`)
 * and a port may follow (`127.0.0.1:8443`).
 */
export function hostPatterns(options: VariableOptions<string[]>): Variable<string[]> {
  const HOST = /^(\*|[a-z0-9-]+)(\.(\*|[a-z0-9-]+))*(:\d{1,5})?$/i
  return variable('comma-separated host names such as sns.*.amazonaws.com, where * stands for one label', options, (raw, refused) =>
    raw
      .split(',')
      .map((host) => host.trim().toLowerCase())
      .filter(Boolean)
      .map((host) => (HOST.test(host) ? host : refused())),
  )
}
