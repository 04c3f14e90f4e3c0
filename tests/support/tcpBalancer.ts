import { createConnection, createServer, type Server, type Socket } from 'node:net'

/**
 * A real TCP load balancer for tests: each new connection goes to the first backend that accepts
 * it. WebSocket-only clients need nothing more (no stickiness), which is what the README says an
 * operator's balancer must provide.
 */
export async function startBalancer(backends: number[]): Promise<{ url: string; close(): Promise<void> }> {
  const open = new Set<Socket>()
  const server: Server = createServer((client) => {
    open.add(client)
    client.on('close', () => open.delete(client))
    const tryBackend = (i: number) => {
      if (i >= backends.length) return client.destroy()
      const upstream = createConnection({ host: '127.0.0.1', port: backends[i]! })
      upstream.once('error', () => tryBackend(i + 1))
      upstream.once('connect', () => {
        open.add(upstream)
        upstream.on('close', () => {
          open.delete(upstream)
          client.destroy()
        })
        upstream.on('error', () => client.destroy())
        client.on('error', () => upstream.destroy())
        client.pipe(upstream).pipe(client)
      })
    }
    tryBackend(0)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  const { port } = server.address() as { port: number }
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((r) => {
        open.forEach((s) => s.destroy())
        server.close(() => r())
      }),
  }
}
