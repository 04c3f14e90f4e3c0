import { z } from 'zod'

/** What the bot remembers between a visitor's messages. */
export const BotMemory = z.object({
  /** a service code given without the phone digits: the next 4 digits complete the lookup */
  pendingCode: z.string().optional(),
  /** questions in a row the knowledge base could not answer */
  misses: z.number().int().nonnegative().default(0),
})
export type BotMemory = z.output<typeof BotMemory>
