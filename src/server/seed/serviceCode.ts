const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ' // 32 symbols, no 0/O/1/I

/** The 8-symbol form of a 40-bit number (32^8 = 2^40). */
export function encodeServiceCode(value: bigint): string {
  let v = value & 0xff_ffff_ffffn
  let out = ''
  for (let k = 0; k < 8; k++) {
    out = ALPHABET[Number(v & 31n)] + out
    v >>= 5n
  }
  return out
}

/**
 * An 8-symbol service code for work order number i. Multiplying by an odd constant is a
 * bijection modulo 2^40 = 32^8, so codes never collide and do not look sequential.
 */
export function serviceCodeFor(i: number): string {
  return encodeServiceCode(BigInt(i) * 0x9e3779b1n + 0x5bd1e995n)
}
