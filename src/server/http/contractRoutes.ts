import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { z } from 'zod'
import { parseAt } from '../../shared/api/errors'
import { httpRoutes, MAX_IMPORT_BYTES, type HttpRoute, type HttpRouteName } from '../../shared/api/http'
import type { AccessClaims } from '../auth/accessTokens'
import { sendError, toApiError } from './errors'

type Route<N extends HttpRouteName> = (typeof httpRoutes)[N]
type Part<N extends HttpRouteName, K extends 'body' | 'params' | 'query'> =
  Route<N> extends { [P in K]: infer S extends z.ZodType } ? z.output<S> : undefined

export interface RouteContext<N extends HttpRouteName> {
  body: Part<N, 'body'>
  params: Part<N, 'params'>
  query: Part<N, 'query'>
  claims: Route<N>['auth'] extends true ? AccessClaims : AccessClaims | null
  /** the seat the request came from (x-seat-id header), for the audit log */
  seat: string | null
  request: FastifyRequest
}

export type Handlers = { [N in HttpRouteName]: (ctx: RouteContext<N>) => Promise<z.input<Route<N>['response']>> }

/**
 * Registers every route of the shared contract: params, query and body are validated with the
 * route's schemas (a SCHEMA error names the field), bearer tokens and roles checked where the
 * route needs them, and the handler's answer is checked against the response schema.
 */
export function registerContractRoutes(
  app: FastifyInstance,
  handlers: Handlers,
  verify: (token: string | undefined) => Promise<AccessClaims | null>,
): void {
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: MAX_IMPORT_BYTES }, (_req, body, done) =>
    done(null, body),
  )
  for (const name of Object.keys(httpRoutes) as HttpRouteName[]) {
    const route: HttpRoute = httpRoutes[name]
    const where = `${route.method} ${route.path}`
    app.route({
      method: route.method,
      url: route.path,
      ...(route.csv === 'body' ? { bodyLimit: MAX_IMPORT_BYTES } : {}),
      ...(route.bodyLimit ? { bodyLimit: route.bodyLimit } : {}),
      handler: async (request, reply) => {
        try {
          const header = request.headers.authorization
          const claims = await verify(header?.startsWith('Bearer ') ? header.slice(7) : undefined)
          if (route.auth && !claims) {
            return sendError(reply, { code: 'UNAUTHENTICATED', message: 'a valid access token is required' })
          }
          if (route.roles && (!claims || !route.roles.includes(claims.role))) {
            return sendError(reply, { code: 'FORBIDDEN', message: `${where} is for ${route.roles.join(', ')}` })
          }
          const seatHeader = request.headers['x-seat-id']
          const ctx = {
            params: route.params ? parseAt(where, route.params, request.params) : undefined,
            query: route.query ? parseAt(where, route.query, request.query) : undefined,
            body: route.body ? parseAt(where, route.body, request.body ?? {}) : undefined,
            claims,
            seat: typeof seatHeader === 'string' ? seatHeader.slice(0, 64) : null,
            request,
          }
          const handler = handlers[name] as (ctx: unknown) => Promise<unknown>
          const result = route.response.parse(await handler(ctx))
          if (route.csv === 'response') void reply.type('text/csv; charset=utf-8')
          return result
        } catch (err) {
          const error = toApiError(err)
          if (error.code === 'INTERNAL') request.log.error({ err }, 'route failed')
          return sendError(reply, error)
        }
      },
    })
  }
}
