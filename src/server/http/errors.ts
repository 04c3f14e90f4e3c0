import type { FastifyReply } from 'fastify'
import { ApiFailure, type ApiError, type ErrorCode } from '../../shared/api/errors'

const STATUS: Record<ErrorCode, number> = {
  SCHEMA: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  LOCKED: 423,
  RATE_LIMITED: 429,
  NETWORK: 502,
  INTERNAL: 500,
}

export function sendError(reply: FastifyReply, error: ApiError): FastifyReply {
  if (error.retryAfterSec) void reply.header('retry-after', String(error.retryAfterSec))
  return reply.status(STATUS[error.code]).send({ error })
}

export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiFailure) return err.error
  return { code: 'INTERNAL', message: 'internal error' }
}
