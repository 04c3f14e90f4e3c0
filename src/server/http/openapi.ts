import { z } from 'zod'
import { ApiError } from '../../shared/api/errors'
import { httpRoutes, type HttpRoute } from '../../shared/api/http'

function paramsOf(schema: z.ZodType, where: 'path' | 'query') {
  const json = z.toJSONSchema(schema, { io: 'input' }) as { properties?: Record<string, unknown>; required?: string[] }
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: s,
  }))
}

/** OpenAPI 3.1 document generated from the shared route table (zod → JSON Schema). */
export function buildOpenApi(version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {}
  const errorBody = { content: { 'application/json': { schema: z.toJSONSchema(z.object({ error: ApiError })) } } }
  for (const [name, route] of Object.entries(httpRoutes) as [string, HttpRoute][]) {
    const bodyType = route.csv === 'body' ? 'text/csv' : 'application/json'
    const responseType = route.csv === 'response' ? 'text/csv' : 'application/json'
    const op: Record<string, unknown> = {
      operationId: name,
      summary: route.summary,
      responses: {
        200: {
          description: 'OK',
          content: { [responseType]: { schema: z.toJSONSchema(route.response, { io: 'output' }) } },
        },
        400: { description: 'Schema error naming the field', ...errorBody },
        ...(route.auth ? { 401: { description: 'Missing or invalid access token', ...errorBody } } : {}),
        ...(route.auth ? { 403: { description: 'Role or store not allowed', ...errorBody } } : {}),
      },
    }
    const parameters = [
      ...(route.params ? paramsOf(route.params, 'path') : []),
      ...(route.query ? paramsOf(route.query, 'query') : []),
    ]
    if (parameters.length) op.parameters = parameters
    if (route.body) {
      op.requestBody = {
        required: true,
        content: { [bodyType]: { schema: z.toJSONSchema(route.body, { io: 'input' }) } },
      }
    }
    if (route.auth) op.security = [{ bearer: [] }]
    const path = route.path.replace(/:(\w+)/g, '{$1}')
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: op }
  }
  return {
    openapi: '3.1.0',
    info: { title: '一站式服务工作台 sync server', version },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    paths,
  }
}
