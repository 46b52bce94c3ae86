// `npm run dev`: the server from source (restarted when it changes) and Vite's dev server for the
// client (changes appear at once), which passes /api and /ws on to the server. Open Vite's address.
// PORT is the server's port (default 3000), VITE_PORT Vite's (default 5173).
import { spawn } from 'node:child_process';
import path from 'node:path';

const root = process.cwd();
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const port = process.env.PORT && process.env.PORT !== '0' ? process.env.PORT : '3000';
const vitePort = process.env.VITE_PORT ?? '5173';
const env = { ...process.env, PORT: port };
// Vite listens on HOST when it is given (the server too), on localhost otherwise.
const hostArgs = process.env.HOST ? ['--host', process.env.HOST] : [];

const children = [
  spawn(bin('tsx'), ['watch', '--clear-screen=false', 'server/main.ts'], { cwd: root, env, stdio: 'inherit' }),
  spawn(bin('vite'), ['--port', vitePort, '--strictPort', ...hostArgs], { cwd: root, env, stdio: 'inherit' }),
];

let stopping = false;
const stop = (code) => {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  Promise.all(children.map((c) => (c.exitCode !== null || c.signalCode !== null ? null : new Promise((r) => c.once('exit', r))))).then(() =>
    process.exit(code),
  );
};
for (const child of children) child.on('exit', (code) => stop(code ?? 0));
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
