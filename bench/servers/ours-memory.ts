// Our server exactly as built (dist/), but with every document kept in memory: like for like with
// the peers, which keep nothing. For the benchmark only (see memory-store.ts).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MemoryStore } from './memory-store.js';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/server/server');
// The built modules, not the sources: the same code `npm start` runs.
const { buildApp } = (await import(path.join(dist, 'app.js'))) as typeof import('../../server/app.js');
const { configFromEnv } = (await import(path.join(dist, 'config.js'))) as typeof import('../../server/config.js');

const config = configFromEnv();
const app = await buildApp(config, new MemoryStore());
await app.listen({ port: config.port, host: config.host });
const address = app.server.address();
console.log(JSON.stringify({ event: 'listening', port: typeof address === 'object' && address ? address.port : config.port }));
const stop = (): void => void app.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
