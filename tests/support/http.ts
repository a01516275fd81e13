/** A small REST client for tests: JSON in and out, an optional session token. */
export interface ApiResponse<T = any> {
  status: number
  headers: Headers
  body: T
}

export async function api<T = any>(
  baseURL: string,
  pathname: string,
  options: { method?: string; token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers }
  if (options.token) headers.Authorization = `JWT ${options.token}`
  let body: string | undefined
  if (options.rawBody !== undefined) {
    body = options.rawBody
    headers['Content-Type'] ??= 'application/json'
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body)
    headers['Content-Type'] = 'application/json'
  }
  const response = await fetch(`${baseURL}${pathname}`, { method: options.method ?? (body ? 'POST' : 'GET'), headers, body })
  const text = await response.text()
  let parsed: unknown = text
  try {
    parsed = text ? JSON.parse(text) : null
  } catch {
    // not JSON; the text is returned as it is
  }
  return { status: response.status, headers: response.headers, body: parsed as T }
}

export async function login(baseURL: string, email: string, password: string): Promise<string> {
  const response = await api<{ token?: string; errors?: unknown }>(baseURL, '/api/users/login', { body: { email, password } })
  if (response.status !== 200 || !response.body.token) {
    throw new Error(`Login of ${email} failed with ${response.status}: ${JSON.stringify(response.body)}`)
  }
  return response.body.token
}
