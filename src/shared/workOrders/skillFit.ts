/**
 * A skill fits an order when it is the order's type, is named in the text, or is the type
 * qualified by something named in the text (空调维修 for a 维修 order about the 空调).
 */
export function skillFits(skill: string, type: string, text: string): boolean {
  if (skill === type || text.includes(skill)) return true
  const qualifier = skill.replace(type, '')
  return qualifier !== skill && qualifier.length > 0 && text.includes(qualifier)
}
