// The floor: a relay that does nothing but forward each frame, undecoded, to everyone else in the
// same room (the URL path). No document, no checks, no store. For the benchmark only: no relay
// can do less work per update, so it shows what the machine and the clients cost by themselves.
import http from 'node:http';
import { WebSocketServer } from 'ws';

const port = Number(process.env.PORT ?? 1234);
const rooms = new Map();
const wss = new WebSocketServer({ noServer: true });
const server = http.createServer((_req, res) => res.end('floor'));
server.on('upgrade', (request, socket, head) => {
  wss.handleUpgrade(request, socket, head, (ws) => {
    const name = (request.url ?? '/').split('?')[0];
    const room = rooms.get(name) ?? new Set();
    rooms.set(name, room);
    room.add(ws);
    ws.on('message', (data, isBinary) => {
      for (const other of room) if (other !== ws) other.send(data, { binary: isBinary });
    });
    ws.on('close', () => {
      room.delete(ws);
      if (room.size === 0) rooms.delete(name);
    });
  });
});
server.listen(port, '127.0.0.1', () => console.log(JSON.stringify({ event: 'listening', port })));
