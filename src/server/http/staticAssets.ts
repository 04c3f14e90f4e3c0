import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { sendError } from './errors'

export interface StaticAsset {
  type: string
  body: string
}

const AssetParams = z.object({ name: z.string().min(1).max(64) })

/**
 * Serves a fixed set of in-memory files (the customer pages' scripts and styles) at
 * `<prefix>/:name`. Only the names given are served: the lookup is by own key, so a name such as
 * `constructor` is a plain 404, never an object prototype's member.
 */
export function registerStaticAssets(app: FastifyInstance, prefix: string, files: Record<string, StaticAsset>): void {
  app.get(`${prefix}/:name`, (request, reply) => {
    const params = AssetParams.safeParse(request.params)
    const asset = params.success && Object.hasOwn(files, params.data.name) ? files[params.data.name] : undefined
    if (!asset) return sendError(reply, { code: 'NOT_FOUND', message: 'no such asset' })
    return reply
      .headers({ 'x-content-type-options': 'nosniff', 'cache-control': 'public, max-age=300' })
      .type(asset.type)
      .send(asset.body)
  })
}
