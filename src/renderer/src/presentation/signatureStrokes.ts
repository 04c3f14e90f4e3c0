/** Handwritten strokes for the on-screen signature: points in CSS pixels, pressure 0–1. */
export interface InkPoint {
  x: number
  y: number
  pressure: number
}
export type Stroke = InkPoint[]

/** Line width in CSS pixels; a mouse reports pressure 0.5 (or 0 between buttons). */
function widthAt(pressure: number, base: number): number {
  const p = pressure > 0 ? pressure : 0.5
  return base * (0.55 + p * 0.9)
}

const mid = (a: InkPoint, b: InkPoint): InkPoint => ({
  x: (a.x + b.x) / 2,
  y: (a.y + b.y) / 2,
  pressure: (a.pressure + b.pressure) / 2,
})

/**
 * Draws strokes as smooth curves: each piece runs between the midpoints of neighbouring points,
 * bent by the point between them (quadratic Bézier), so a shaky hand still writes a round line.
 * The context is expected to be scaled to CSS pixels already.
 */
export function drawStrokes(ctx: CanvasRenderingContext2D, strokes: readonly Stroke[], ink: string, base = 2.4): void {
  ctx.strokeStyle = ink
  ctx.fillStyle = ink
  ctx.lineCap = 'round'
  ctx.lineJoin = 'round'
  for (const stroke of strokes) {
    const [first] = stroke
    if (!first) continue
    if (stroke.length < 3) {
      const last = stroke[stroke.length - 1] ?? first
      ctx.lineWidth = widthAt(first.pressure, base)
      ctx.beginPath()
      ctx.moveTo(first.x, first.y)
      ctx.lineTo(last.x + 0.01, last.y)
      ctx.stroke()
      continue
    }
    let from = first
    for (let i = 1; i < stroke.length - 1; i++) {
      const point = stroke[i]!
      const to = mid(point, stroke[i + 1]!)
      ctx.lineWidth = widthAt(point.pressure, base)
      ctx.beginPath()
      ctx.moveTo(from.x, from.y)
      ctx.quadraticCurveTo(point.x, point.y, to.x, to.y)
      ctx.stroke()
      from = to
    }
    const end = stroke[stroke.length - 1]!
    ctx.beginPath()
    ctx.moveTo(from.x, from.y)
    ctx.lineTo(end.x, end.y)
    ctx.stroke()
  }
}

/** The strokes as a PNG data URL (transparent background) at a fixed scale, whatever the screen. */
export function strokesToPng(strokes: readonly Stroke[], width: number, height: number, scale = 2): string {
  const canvas = document.createElement('canvas')
  canvas.width = Math.round(width * scale)
  canvas.height = Math.round(height * scale)
  const ctx = canvas.getContext('2d')
  if (!ctx) throw new Error('no 2D canvas')
  ctx.scale(scale, scale)
  drawStrokes(ctx, strokes, '#1a1a2e')
  return canvas.toDataURL('image/png')
}
