import { normalizeForSearch } from './normalize'

/** Weight of a synonym's terms relative to the words the agent typed. */
export const SYNONYM_WEIGHT = 0.7

/**
 * Admin-maintained groups of words that mean the same to a customer (退换货 ≈ 退货 ≈ 换货).
 * A query that contains a member is also run with that member replaced by each other member of
 * its group, at a lower weight; an article scores the best of these variants, so one that uses the
 * typed word ranks above one that only uses a synonym, and two synonyms in one article do not add up.
 */
export class SynonymGroups {
  private groups: string[][] = []

  set(groups: string[][]): void {
    this.groups = groups.map((g) => [...new Set(g.map(normalizeForSearch).filter(Boolean))]).filter((g) => g.length > 1)
  }

  /**
   * For every group the normalised query mentions: the member it contains (the longest, so 退换货
   * rather than the 换货 inside it), each query variant with that member swapped for another, and
   * all members (their terms share one idf, so a rarer synonym cannot outrank the typed word).
   */
  matches(normQuery: string): { members: string[]; variants: string[] }[] {
    const out: { members: string[]; variants: string[] }[] = []
    for (const group of this.groups) {
      const typed = group.filter((w) => normQuery.includes(w)).sort((a, b) => b.length - a.length)[0]
      if (!typed) continue
      const variants = group.filter((w) => w !== typed).map((w) => normQuery.split(typed).join(w))
      out.push({ members: group, variants })
    }
    return out
  }
}
