import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { SummaryFonts } from './summary.js';
import { FACE_FILES } from './text/faceFiles.js';
import { loadShapingKit, type ShapingKit } from './text/kit.js';
import type { FaceNeed } from './text/scripts.js';

/** The summary's fonts read from node_modules: for tests and the benchmark (the browser fetches them). */
const require = createRequire(import.meta.url);

export function latinFonts(): SummaryFonts {
  const dir = path.dirname(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'));
  return {
    regular: fs.readFileSync(path.join(dir, 'DejaVuSans.ttf')).toString('base64'),
    bold: fs.readFileSync(path.join(dir, 'DejaVuSans-Bold.ttf')).toString('base64'),
  };
}

export function faceFile(need: FaceNeed): string {
  return require.resolve(FACE_FILES[need.face][need.weight]);
}

export function shapingKit(needs: readonly FaceNeed[]): Promise<ShapingKit> {
  return loadShapingKit(needs, async (need) => new Uint8Array(await fs.promises.readFile(faceFile(need))));
}
