/**
 * Posting lists packed into growable Int32Arrays: each entry is (document slot << 10 | weight),
 * weight being the term's BM25F saturation in the document quantised to 1..1023. Four bytes per
 * posting keep 100,000 articles in tens of MiB instead of the hundreds plain objects would take.
 */
export const WEIGHT_BITS = 10
export const WEIGHT_MAX = (1 << WEIGHT_BITS) - 1
/** 2^21 slots: two million articles. */
export const MAX_SLOTS = 1 << (31 - WEIGHT_BITS)

export class PostingList {
  data = new Int32Array(4)
  length = 0

  push(slot: number, weight: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2)
      grown.set(this.data)
      this.data = grown
    }
    this.data[this.length++] = (slot << WEIGHT_BITS) | weight
  }

  /** Removes the slot's entry (order of the others is kept). */
  remove(slot: number): void {
    const d = this.data
    for (let i = 0; i < this.length; i++) {
      if (d[i]! >>> WEIGHT_BITS === slot) {
        d.copyWithin(i, i + 1, this.length)
        this.length--
        return
      }
    }
  }

  /** Drops unused capacity after a bulk build. */
  trim(): void {
    if (this.data.length > this.length) this.data = this.data.slice(0, this.length)
  }

  get bytes(): number {
    return this.data.byteLength
  }
}
