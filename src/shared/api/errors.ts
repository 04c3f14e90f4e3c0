import { z } from 'zod'

/** Error codes every boundary (HTTP, socket, console API) speaks. */
export const ErrorCode = z.enum([
  'SCHEMA',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'INVALID_CREDENTIALS',
  'LOCKED',
  /** too many failed attempts from one place (the customer progress page); see retryAfterSec */
  'RATE_LIMITED',
  'NOT_FOUND',
  'CONFLICT',
  'NETWORK',
  'INTERNAL',
])
export type ErrorCode = z.infer<typeof ErrorCode>

/**
 * Why a write was refused, in a form each seat can say in its own language (the `message` stays
 * English, for logs and other tools). `params` hold raw values: ids and enum members.
 */
export const RefusalReason = z.discriminatedUnion('key', [
  z.object({ key: z.literal('otherStore') }),
  z.object({ key: z.literal('recordMissing'), params: z.object({ id: z.string() }) }),
  z.object({ key: z.literal('alreadyInStatus'), params: z.object({ status: z.string() }) }),
  z.object({ key: z.literal('invalidTransition'), params: z.object({ from: z.string(), to: z.string() }) }),
  z.object({ key: z.literal('closeNeedsFollowUp') }),
])
export type RefusalReason = z.infer<typeof RefusalReason>

export const ApiError = z.object({
  code: ErrorCode,
  message: z.string(),
  /** dotted path of the first invalid field, for SCHEMA errors */
  field: z.string().optional(),
  /** seconds until a locked account (or a rate-limited client) may try again */
  retryAfterSec: z.number().int().optional(),
  /** for refused writes: the reason in translatable form */
  reason: RefusalReason.optional(),
})
export type ApiError = z.infer<typeof ApiError>

export class ApiFailure extends Error {
  constructor(readonly error: ApiError) {
    super(error.message)
    this.name = 'ApiFailure'
  }
}

/** Turns a zod error into a SCHEMA error that names the first bad field. */
export function schemaError(where: string, err: z.ZodError): ApiError {
  const issue = err.issues[0]
  const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : undefined
  return {
    code: 'SCHEMA',
    field,
    message: `${where}: ${field ? `field "${field}"` : 'payload'} ${issue?.message ?? 'is invalid'}`,
  }
}

/** Parses or throws an ApiFailure with a SCHEMA error naming the field. */
export function parseAt<T extends z.ZodType>(where: string, schema: T, value: unknown): z.output<T> {
  const res = schema.safeParse(value)
  if (!res.success) throw new ApiFailure(schemaError(where, res.error))
  return res.data
}
