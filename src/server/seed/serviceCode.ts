const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ' // 32 symbols, no 0/O/1/I

/**
 * An 8-symbol service code for work order number i. Multiplying by an odd constant is a
 * bijection modulo 2^40 = 32^8, so codes never collide and do not look sequential.
 */
export function serviceCodeFor(i: number): string {
  let v = (BigInt(i) * 0x9e3779b1n + 0x5bd1e995n) & 0xff_ffff_ffffn
  let out = ''
  for (let k = 0; k < 8; k++) {
    out = ALPHABET[Number(v & 31n)] + out
    v >>= 5n
  }
  return out
}
