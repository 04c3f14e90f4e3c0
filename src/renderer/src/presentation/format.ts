/** Numbers and dates as people of the chosen language write them. */
export function formatMoney(locale: string, amount: number): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY', maximumFractionDigits: 0 }).format(amount)
}

/** 2026-05-12 style dates: fixed width, easy to compare down a column. */
export function formatDate(locale: string, at: number): string {
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit' }).format(at)
}

export function formatDateTime(locale: string, at: number): string {
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(at)
}
