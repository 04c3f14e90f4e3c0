import { randomBytes } from 'node:crypto'
import { encodeServiceCode } from '../seed/serviceCode'

/**
 * A service code for a new order: 40 random bits, so codes say nothing about order counts and
 * cannot be guessed from a neighbour's (the seed's numbered codes are only for demo data). The
 * unique index catches the rare collision; the caller draws again.
 */
export function randomServiceCode(): string {
  return encodeServiceCode(BigInt(`0x${randomBytes(5).toString('hex')}`))
}
