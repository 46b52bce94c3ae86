// Hocuspocus, as a team would run it: the stock Server, in memory, no extensions.
import { Server } from '@hocuspocus/server';

const port = Number(process.env.PORT ?? 1234);
const server = new Server({ port, address: '127.0.0.1', quiet: true, stopOnSignals: true });
await server.listen();
console.log(JSON.stringify({ event: 'listening', port }));
