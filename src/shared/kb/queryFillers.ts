/**
 * Question words and particles agents type around the words that matter (空调不冷了怎么办).
 * They carry no topic, but the bigrams they form with a content word (了怎, 冷了) are rare and so
 * would weigh heavily; the query drops them (as word breaks) unless nothing else is left.
 */
const FILLERS = [
  '为什么',
  '怎么办',
  '怎么样',
  '怎么',
  '什么',
  '如何',
  '哪些',
  '哪里',
  '可以吗',
  '能不能',
  '是不是',
  '请问',
  '一下',
  '吗',
  '呢',
  '吧',
  '啊',
  '了',
  '的',
]
const PATTERN = new RegExp(FILLERS.join('|'), 'g')

export function withoutFillers(norm: string): string {
  const stripped = norm.replace(PATTERN, ' ')
  return /[\p{L}\p{N}]/u.test(stripped) ? stripped : norm
}
