import os from 'node:os';
import { configFromEnv } from './config.js';
import { buildApp } from './app.js';
import { SqliteStore } from './store/sqlite.js';
import type { ConferenceStore } from './store/store.js';

/** The addresses people in the room can open, for a server listening on all interfaces. */
function addressesToOpen(host: string, port: number): string[] {
  if (host !== '0.0.0.0' && host !== '::') return [`http://${host}:${port}`];
  const urls = [`http://localhost:${port}`];
  for (const infos of Object.values(os.networkInterfaces())) {
    for (const info of infos ?? []) {
      if (info.family === 'IPv4' && !info.internal) urls.push(`http://${info.address}:${port}`);
    }
  }
  return urls;
}

async function main(): Promise<void> {
  const config = configFromEnv();
  // PostgreSQL and Redis clients are loaded only when they are configured (about 10 MiB otherwise).
  const store: ConferenceStore = config.databaseUrl
    ? await (await import('./store/postgres.js')).PostgresStore.connect(config.databaseUrl)
    : new SqliteStore(config.dataDir);
  let busError: (err: Error) => void = () => undefined;
  const bus = config.redisUrl ? new (await import('./relay/redis-bus.js')).RedisBus(config.redisUrl, (err) => busError(err)) : null;
  if (bus) await bus.ready();
  const app = await buildApp(config, store, bus);
  if (store.schema.from !== store.schema.to) app.log.info({ event: 'store.migrated', from: store.schema.from, to: store.schema.to });
  busError = (err) =>
    app.log.error({ event: 'bus.error', err: err.message }, 'Redis is not reachable: other instances may miss changes until it is back');
  app.addHook('onClose', async () => {
    await bus?.close();
    await store.close();
  });

  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  app.log.info(
    {
      event: 'listening',
      port,
      store: config.databaseUrl ? 'postgresql' : 'sqlite',
      dataDir: config.databaseUrl ? undefined : config.dataDir,
      bus: bus ? 'redis' : 'none',
    },
    'Conference Board is running',
  );
  const urls = addressesToOpen(config.host, port);
  process.stdout.write(
    `\nConference Board is running. Open one of these on the devices in the room:\n${urls.map((u) => `  ${u}`).join('\n')}\n\n`,
  );

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    app.log.info({ event: 'stopping', signal });
    app
      .close()
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        app.log.error({ event: 'stop_failed', err: String(err) });
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  process.stderr.write(`Conference Board could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
