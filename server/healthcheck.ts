/**
 * The container's health check (Dockerfile HEALTHCHECK): exits 0 when this instance's /healthz
 * answers 200 (it can store), 1 otherwise. Node only, since the image has no curl.
 */
const host = !process.env.HOST || process.env.HOST === '0.0.0.0' || process.env.HOST === '::' ? '127.0.0.1' : process.env.HOST;
const port = process.env.PORT && process.env.PORT.length > 0 ? process.env.PORT : '3000';

fetch(`http://${host.includes(':') ? `[${host}]` : host}:${port}/healthz`, { signal: AbortSignal.timeout(4000) })
  .then((res) => {
    process.stdout.write(`healthz: ${res.status}\n`);
    process.exit(res.status === 200 ? 0 : 1);
  })
  .catch((err: unknown) => {
    process.stdout.write(`healthz: no answer (${err instanceof Error ? err.message : String(err)})\n`);
    process.exit(1);
  });
