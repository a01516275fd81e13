/**
 * What every email must be, read from the HTML as mail clients receive it. Each check returns the
 * problems it found, so a failing test names them all at once.
 */

const attribute = (tag: string, name: string): string | undefined => new RegExp(`\\s${name}\\s*=\\s*"([^"]*)"`, 'i').exec(tag)?.[1]

const tags = (html: string, name: string): string[] => html.match(new RegExp(`<${name}\\b[^>]*>`, 'gi')) ?? []

/** The language and direction of the whole document, layout tables, image text, headings and a plain-text part. */
export function accessibilityProblems(mail: { html: string; text: string }, language: { code: string; dir: string }): string[] {
  const problems: string[] = []
  const [root] = tags(mail.html, 'html')
  if (!root) problems.push('no <html> element')
  else {
    if (attribute(root, 'lang') !== language.code) problems.push(`<html lang="${attribute(root, 'lang')}">, expected "${language.code}"`)
    if (attribute(root, 'dir') !== language.dir) problems.push(`<html dir="${attribute(root, 'dir')}">, expected "${language.dir}"`)
  }
  for (const table of tags(mail.html, 'table')) {
    if (attribute(table, 'role') !== 'presentation') problems.push(`layout table without role="presentation": ${table}`)
  }
  for (const image of tags(mail.html, 'img')) {
    if (!attribute(image, 'alt')?.trim() && attribute(image, 'role') !== 'presentation') problems.push(`image without alt text: ${image}`)
  }
  const levels = (mail.html.match(/<h[1-6]\b/gi) ?? []).map((tag) => Number(tag[2]))
  if (levels.filter((level) => level === 1).length !== 1) problems.push(`expected exactly one <h1>, found levels [${levels.join(', ')}]`)
  levels.forEach((level, index) => {
    if (index > 0 && level > levels[index - 1] + 1) problems.push(`heading level skips from h${levels[index - 1]} to h${level}`)
  })
  if (!mail.text.trim()) problems.push('no plain-text part')
  return problems
}

/**
 * No tracking: nothing the client loads from a server (pixels, remote images, styles or fonts) and
 * every link goes straight to where it says, one of `destinations`, never through a redirector.
 */
export function privacyProblems(mail: { html: string; text: string }, destinations: string[]): string[] {
  const problems: string[] = []
  for (const name of ['img', 'link', 'script', 'iframe', 'object', 'embed', 'video', 'audio', 'source']) {
    for (const tag of tags(mail.html, name)) {
      if (name !== 'link' || /https?:/i.test(tag)) problems.push(`the email loads something: ${tag}`)
    }
  }
  for (const match of mail.html.matchAll(/\s(?:src|background|poster)\s*=\s*"([^"]*)"/gi)) problems.push(`the email loads ${match[1]}`)
  for (const match of mail.html.matchAll(/url\(\s*['"]?([^'")]+)/gi)) problems.push(`a style loads ${match[1]}`)
  for (const match of mail.html.matchAll(/\shref\s*=\s*"([^"]*)"/gi)) {
    const target = match[1].replace(/&amp;/g, '&')
    if (!destinations.includes(target)) problems.push(`a link to ${target}, which is none of the email's own destinations`)
  }
  for (const url of mail.text.match(/https?:\/\/\S+/g) ?? []) {
    if (!destinations.includes(url)) problems.push(`a plain-text link to ${url}, which is none of the email's own destinations`)
  }
  return problems
}
