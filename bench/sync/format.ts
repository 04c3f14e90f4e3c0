/** Rounding of figures for the sync bench's console lines and rows. */

export const r0 = (n: number) => Math.round(n)
export const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? Number(n.toFixed(digits)) : NaN)
