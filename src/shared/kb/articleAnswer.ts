/** Headings that introduce the part of an article meant to be said or sent to the customer. */
const ANSWER_HEADING = /答案|解答|答复|回复|话术|处理方法|解决方法|解决办法|answer|reply/i
const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/

/**
 * The text an agent inserts into a reply from a knowledge-base article (K3): the section under
 * an answer heading (答案 / 解答 / 回复话术 / 处理方法 / Answer …) up to the next heading of the
 * same or a higher level, when the article has one; otherwise the whole body. Markdown marks are
 * dropped, since the reply box and the customer's progress page show plain text.
 */
export function articleAnswer(body: string): string {
  const lines = body.replace(/\r\n?/g, '\n').split('\n')
  let from = 0
  let to = lines.length
  const start = lines.findIndex((line) => {
    const m = HEADING.exec(line)
    return m !== null && ANSWER_HEADING.test(m[2]!)
  })
  if (start >= 0) {
    const level = HEADING.exec(lines[start]!)![1]!.length
    from = start + 1
    const end = lines.findIndex((line, i) => {
      if (i <= start) return false
      const m = HEADING.exec(line)
      return m !== null && m[1]!.length <= level
    })
    if (end >= 0) to = end
  }
  return plainText(lines.slice(from, to)).trim()
}

function plainText(lines: string[]): string {
  return lines
    .map((line) =>
      line
        .replace(HEADING, '$2')
        .replace(/^\s{0,3}>\s?/, '')
        .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
        .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
        .replace(/(\*\*|__)(.+?)\1/g, '$2')
        .replace(/(^|[^*\w])\*(?!\s)(.+?)\*(?!\w)/g, '$1$2')
        .replace(/`([^`]+)`/g, '$1')
        .replace(/^(\s*)[-*+]\s+/, '$1• '),
    )
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
}
