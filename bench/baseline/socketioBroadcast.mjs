// The bare fan-out baseline for `npm run bench -- sync`: a plain socket.io server on loopback that
// puts every client in one room and, on a client's 'write', immediately broadcasts a payload of
// the same shape and size as the sync server's `feed:change` (BENCH_TEMPLATE) to that room.
// No auth, no validation, no database: what socket.io alone costs for the same traffic.
// BATCH_MS > 0 (a what-if, opt-in): changes are coalesced and sent as one 'feed:changes' array per
// BATCH_MS, to show what fewer, larger messages per seat would buy.
import { createServer } from 'node:http'
import { Server } from 'socket.io'

const template = JSON.parse(process.env.BENCH_TEMPLATE ?? '{"data":{}}')
const httpServer = createServer((_req, res) => {
  res.writeHead(404)
  res.end()
})
const io = new Server(httpServer, { serveClient: false, maxHttpBufferSize: 1024 * 1024 })
const batchMs = Number(process.env.BATCH_MS ?? 0)
let seq = 0
let pending = []
let timer = null

function publish(change) {
  if (batchMs <= 0) return void io.to('feed:all').emit('feed:change', change)
  pending.push(change)
  timer ??= setTimeout(() => {
    const batch = pending
    pending = []
    timer = null
    io.to('feed:all').emit('feed:changes', batch)
  }, batchMs)
}

io.on('connection', (socket) => {
  void socket.join('feed:all')
  socket.on('write', (msg, ack) => {
    seq += 1
    publish({
      ...template,
      seq,
      prev: seq - 1,
      data: { ...template.data, notes: String(msg?.ts ?? ''), feedSeq: seq },
    })
    if (typeof ack === 'function') ack({ ok: true, result: { status: 'applied', seq, overwrote: [] } })
  })
})

httpServer.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('baseline socket.io listening'))
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => io.close(() => process.exit(0)))
