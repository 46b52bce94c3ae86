import type { FastifyError, FastifyInstance } from 'fastify';
import { API_ERRORS, apiError, invalidInput, isApiErrorCode, type ApiErrorBody } from '../shared/api/errors.js';
import { ValidationError } from '../shared/model/index.js';

/** What a person is told when the server fails: nothing about its insides. */
export const SERVER_ERROR = API_ERRORS['server-error'];

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

/**
 * A schema's complaint about a request (see shared/api/schemas.ts), with the field: the English says
 * exactly what is wrong; the code (`request-field-invalid`, `request-invalid`) is for screens, whose
 * own forms check the same things first.
 */
function plainValidation(problems: NonNullable<FastifyError['validation']>): ApiErrorBody {
  const first = problems[0];
  if (!first) return apiError('request-invalid');
  const params = first.params as { missingProperty?: string; type?: string };
  const field = params.missingProperty ?? first.instancePath.split('/').filter(Boolean).pop();
  if (!field) return apiError('request-invalid');
  const english =
    first.keyword === 'required'
      ? `${field} is missing.`
      : first.keyword === 'type' && params.type
        ? `${field} must be ${TYPE_WORDS[params.type] ?? params.type}.`
        : undefined;
  return { ...apiError('request-field-invalid', { field }, english), field };
}

/** A refusal thrown with a code of ours (the rate limits' in server/app.ts), or else `fallback`. */
function coded(err: FastifyError, fallback: ApiErrorBody): ApiErrorBody {
  const { code, params } = err as FastifyError & { params?: Record<string, number> };
  if (!isApiErrorCode(code) || code === 'invalid') return fallback;
  return { ...apiError(code, params ?? {}), error: err.message };
}

/**
 * Every error reply is `{ error, code }`: plain English, and a code our screens word in their
 * reader's language (shared/api/errors.ts). A server error (5xx) is logged with the event, the
 * route's pattern and the error's code (SQLITE_FULL, ECONNREFUSED, …), never its message, stack or
 * anything sent, since those can quote content; the reply says only that it failed.
 */
export function plainErrors(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    // The model's checks (clean* functions) throw in plain words, with the field and a code: a route
    // lets them through and they are answered here, once, as 400.
    if ((err as unknown) instanceof ValidationError) return reply.code(400).send(invalidInput(err as unknown as ValidationError));
    const status = typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500;
    if (status >= 500) {
      app.log.error({
        event: 'http.error',
        method: request.method,
        route: request.routeOptions.url ?? 'unknown',
        status,
        code: typeof err.code === 'string' ? err.code : err.name,
      });
      return reply.code(500).send(apiError('server-error'));
    }
    if (status === 429) return reply.code(429).send(coded(err, apiError('rate-limited', { count: 1 }, err.message)));
    if (err.validation) return reply.code(400).send(plainValidation(err.validation));
    return reply.code(status).send(apiError('request-unreadable', {}, REQUEST_ERRORS[err.code] ?? err.message));
  });
}
