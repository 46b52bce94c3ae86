import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startServer, type RunningServer } from './harness.js';
import { ROOT } from './production.js';

let s: RunningServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(async () => {
  await s?.stop('SIGKILL');
});

interface OpenApi {
  openapi: string;
  info: { title: string };
  paths: Record<
    string,
    Record<
      string,
      {
        requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> };
        responses: Record<string, unknown>;
        security?: unknown[];
      }
    >
  >;
  components: { securitySchemes: Record<string, unknown> };
}

describe('the API is declared with schemas', () => {
  it('serves OpenAPI at /api/docs/openapi.json, made from the routes', async () => {
    const res = await fetch(`${s.url}/api/docs/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as OpenApi;
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toBe('Conference Board API');
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    const routes = Object.entries(doc.paths).flatMap(([p, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${p}`));
    for (const route of [
      'POST /api/conferences',
      'GET /api/conferences/{id}/me',
      'POST /api/conferences/{id}/lobby',
      'GET /api/conferences/{id}/lobby',
      'POST /api/conferences/{id}/lobby/decline-all',
      'POST /api/conferences/{id}/lobby/{participantId}/admit',
      'POST /api/conferences/{id}/participants/{participantId}/remove',
      'POST /api/conferences/{id}/participants/{participantId}/contributions/remove',
      'PUT /api/conferences/{id}/settings',
      'POST /api/conferences/{id}/invitations/{role}/reissue',
      'POST /api/conferences/{id}/lock',
      'DELETE /api/conferences/{id}',
      'GET /api/conferences/{id}/audit',
      'POST /api/conferences/{id}/scores',
      'GET /api/conferences/{id}/scores/hidden',
      'POST /api/conferences/{id}/scores/{pairId}/reveal',
      'GET /healthz',
    ])
      expect(routes).toContain(route);
    // Neither the websocket nor the document itself is listed as a REST route.
    expect(routes.some((r) => r.includes('/ws/') || r.includes('/api/docs'))).toBe(false);
    const create = doc.paths['/api/conferences']?.post;
    expect(Object.keys(create?.requestBody?.content['application/json']?.schema.properties ?? {})).toEqual(
      expect.arrayContaining(['kind', 'date', 'caseReference', 'chairName', 'children']),
    );
    expect(Object.keys(create?.responses ?? {})).toEqual(expect.arrayContaining(['201', '400', '429']));
    expect(doc.paths['/api/conferences/{id}/me']?.get?.security).toEqual([{ bearer: [] }]);
  });

  it('a request of the wrong shape is refused in plain words, naming the field', async () => {
    const res = await api(s, 'POST', '/api/conferences', undefined, { kind: 'initial' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'date is missing.', code: 'request-field-invalid', params: { field: 'date' }, field: 'date' });
    const settings = await api(s, 'PUT', '/api/conferences/AAAAAAAAAAAAAAAAAAAAAA/settings', 'x', { autoAdmit: 'perhaps' });
    expect(await settings.json()).toEqual({
      error: 'autoAdmit must be true or false.',
      code: 'request-field-invalid',
      params: { field: 'autoAdmit' },
      field: 'autoAdmit',
    });
  });

  it('the client takes the API types from the same declarations as the server', () => {
    const client = fs.readFileSync(path.join(ROOT, 'client/src/api.ts'), 'utf8');
    expect(client).toMatch(/from '\.\.\/\.\.\/shared\/api\/schemas\.js'/);
    // No shapes of its own: at most aliases of the shared ones.
    expect(client).not.toMatch(/^(export )?interface |^(export )?type \w+ = \{/m);
    for (const file of ['server/api/conferences.ts', 'server/api/scores.ts']) {
      expect(fs.readFileSync(path.join(ROOT, file), 'utf8')).toMatch(/from '\.\.\/\.\.\/shared\/api\/schemas\.js'/);
    }
    // TypeBox stays out of the browser's bundle: the client imports types only.
    const assets = path.join(ROOT, 'dist/client/assets');
    for (const f of fs.readdirSync(assets).filter((n) => n.endsWith('.js'))) {
      expect(fs.readFileSync(path.join(assets, f), 'utf8')).not.toContain('typebox');
    }
  });
});
