import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { ROOT } from './relays.js';

/** The orchestrator's handle on one load-generator process (load.ts): commands in, replies out. */
export class LoadWorker {
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private next = 0;
  private stderr = '';
  /** Called when the worker asks for a sample; the worker goes on once it resolves. */
  onSample: (name: string) => Promise<void> = async () => undefined;

  constructor() {
    this.child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench/load.ts')], {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child.stderr?.on('data', (d: Buffer) => (this.stderr = (this.stderr + d.toString()).slice(-4000)));
    readline.createInterface({ input: this.child.stdout! }).on('line', (line) => {
      let msg: { reply?: number; result?: unknown; error?: string; event?: string; name?: string; sample?: number };
      try {
        msg = JSON.parse(line) as typeof msg;
      } catch {
        return;
      }
      if (msg.event === 'sample' && msg.name !== undefined) {
        const id = msg.sample;
        void this.onSample(msg.name).then(() => this.send({ id: -1, cmd: 'sampled', sample: id }));
        return;
      }
      if (msg.reply === undefined) return;
      const waiting = this.pending.get(msg.reply);
      this.pending.delete(msg.reply);
      if (msg.error) waiting?.reject(new Error(`load generator: ${msg.error}`));
      else waiting?.resolve(msg.result);
    });
    this.child.on('exit', (code) => {
      for (const { reject } of this.pending.values()) reject(new Error(`load generator exited with ${code}: ${this.stderr}`));
      this.pending.clear();
    });
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  private send(message: unknown): void {
    this.child.stdin?.write(`${JSON.stringify(message)}\n`);
  }

  call<T>(cmd: string, args?: unknown): Promise<T> {
    const id = ++this.next;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.send({ id, cmd, args });
    });
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.stdin?.end();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
}
