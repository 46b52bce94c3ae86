import type { FastifyError, FastifyInstance } from 'fastify';

/** What a person is told when the server fails: nothing about its insides. */
export const SERVER_ERROR = 'Something went wrong on the server. Please try again in a moment.';

/** Plain words for the request errors Fastify itself raises (their own messages are for developers). */
const REQUEST_ERRORS: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'What was sent is not valid JSON.',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'Nothing was sent, but the request needs a JSON body.',
  FST_ERR_CTP_BODY_TOO_LARGE: 'What was sent is too large.',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'Send JSON (Content-Type: application/json).',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'The request is not well formed.',
};

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
};

/** A schema's complaint about a request (see shared/api/schemas.ts), in words, with the field. */
function plainValidation(problems: NonNullable<FastifyError['validation']>): { error: string; field?: string } {
  const first = problems[0];
  if (!first) return { error: 'The request is not valid.' };
  const params = first.params as { missingProperty?: string; type?: string };
  const field = params.missingProperty ?? first.instancePath.split('/').filter(Boolean).pop();
  const name = field ?? 'The request';
  if (first.keyword === 'required') return { error: `${name} is missing.`, field };
  if (first.keyword === 'type' && params.type) return { error: `${name} must be ${TYPE_WORDS[params.type] ?? params.type}.`, field };
  return field ? { error: `${name} is not valid.`, field } : { error: 'The request is not valid.' };
}

/**
 * Every error reply is `{ error }` in plain words. A server error (5xx) is logged with the event,
 * the route's pattern and the error's code (SQLITE_FULL, ECONNREFUSED, …), never its message,
 * stack or anything sent, since those can quote content; the reply says only that it failed.
 */
export function plainErrors(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const status = typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500;
    if (status >= 500) {
      app.log.error({
        event: 'http.error',
        method: request.method,
        route: request.routeOptions.url ?? 'unknown',
        status,
        code: typeof err.code === 'string' ? err.code : err.name,
      });
      return reply.code(500).send({ error: SERVER_ERROR });
    }
    if (status === 429) return reply.code(429).send({ error: err.message });
    if (err.validation) return reply.code(400).send(plainValidation(err.validation));
    return reply.code(status).send({ error: REQUEST_ERRORS[err.code] ?? err.message });
  });
}
