import { createRequire } from 'node:module';
import type { FastifyServerOptions } from 'fastify';

/**
 * Fastify's own schema compilers (Ajv for requests, fast-json-stringify for replies), made lazy: a
 * route's validators and serialisers are compiled on its first request instead of all at start.
 * Compiling every route's schemas at start cost about 10 MiB of live heap and 25 MiB of RSS, for
 * routes most instances never see (amendments, exports, record checks). Validation and replies are
 * exactly the same, by the same compilers; only when they are compiled changes.
 */

// The compilers Fastify itself loads (its own dependencies), so the versions are the ones it expects.
const fastifyRequire = createRequire(createRequire(import.meta.url).resolve('fastify'));

/** A compiled validator or serialiser: a function, with properties Fastify reads (`errors`, `schemaEnv`). */
type Compiled = ((...args: unknown[]) => unknown) & Record<string, unknown>;
type Compiler = (route: unknown) => Compiled;
type Factory = (...args: unknown[]) => Compiler;

function lazily(factory: Factory, properties: readonly string[]): Factory {
  return (...args) => {
    const compile = factory(...args);
    return (route) => {
      let compiled: Compiled | null = null;
      const get = (): Compiled => (compiled ??= compile(route));
      const run = function (this: unknown, ...callArgs: unknown[]): unknown {
        return get().apply(this, callArgs);
      };
      for (const name of properties) Object.defineProperty(run, name, { get: () => get()[name] });
      return run as Compiled;
    };
  };
}

type CompilersFactory = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;

/** The `schemaController` option that makes Fastify compile each route's schemas on first use. */
export function lazySchemaController(): NonNullable<FastifyServerOptions['schemaController']> {
  const validators = (fastifyRequire('@fastify/ajv-compiler') as () => Factory)();
  const serializers = (fastifyRequire('@fastify/fast-json-stringify-compiler') as () => Factory)();
  return {
    compilersFactory: {
      // Ajv's validate function carries `errors` after a call, and an async one `schemaEnv`.
      buildValidator: lazily(validators, ['errors', 'schemaEnv']) as unknown as CompilersFactory['buildValidator'],
      buildSerializer: lazily(serializers, []) as unknown as CompilersFactory['buildSerializer'],
    },
  };
}
