import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';

/**
 * Request validation with two Ajv instances. Bodies are strict: no type coercion and no silent
 * removal of unknown fields (schemas declare `additionalProperties: false`, so an unknown field is
 * an error naming it). Query strings, params and headers arrive as text, so they are coerced.
 */
export function registerValidation(app: FastifyInstance): void {
  const common: Options = { allErrors: true, useDefaults: true, removeAdditional: false, strict: false };
  const strict = new Ajv({ ...common, coerceTypes: false });
  const coercing = new Ajv({ ...common, coerceTypes: 'array' });
  for (const ajv of [strict, coercing]) {
    addFormats.default(ajv);
    ajv.addKeyword({ keyword: 'x-access' });
  }
  app.setValidatorCompiler(({ schema, httpPart }) =>
    (httpPart === 'body' ? strict : coercing).compile(schema as object),
  );
  // Shared schemas registered with addSchema must be known to both instances.
  app.addHook('onReady', async () => {
    for (const schema of Object.values(app.getSchemas()) as { $id?: string }[]) {
      for (const ajv of [strict, coercing])
        if (schema.$id && !ajv.getSchema(schema.$id)) ajv.addSchema(schema);
    }
  });
}
