// The bare server baseline: an empty Fastify app that prints the same ready line.
import Fastify from 'fastify'

const app = Fastify()
app.get('/health', async () => ({ status: 'ok' }))
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) })
console.log('sync server listening')
