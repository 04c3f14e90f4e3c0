import { z } from 'zod'

// Imported first by main.ts, before any schema is built: under the page's no-eval CSP, zod's
// JIT would probe `new Function` and the browser would report a CSP violation for it.
z.config({ jitless: true })
