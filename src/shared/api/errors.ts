import { z } from 'zod'

/** Error codes every boundary (HTTP, socket, console API) speaks. */
export const ErrorCode = z.enum([
  'SCHEMA',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'INVALID_CREDENTIALS',
  'LOCKED',
  'NOT_FOUND',
  'CONFLICT',
  'NETWORK',
  'INTERNAL',
])
export type ErrorCode = z.infer<typeof ErrorCode>

export const ApiError = z.object({
  code: ErrorCode,
  message: z.string(),
  /** dotted path of the first invalid field, for SCHEMA errors */
  field: z.string().optional(),
  /** seconds until a locked account may try again */
  retryAfterSec: z.number().int().optional(),
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
