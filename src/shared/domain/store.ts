import { z } from 'zod'

/** A store as every screen names it; store ids are for machines, names for people. */
export const StoreInfo = z.object({
  id: z.string().max(64),
  name: z.string().max(128),
  city: z.string().max(64),
})
export type StoreInfo = z.infer<typeof StoreInfo>
