// Small schema builders the APIs share. Each writes the JSON schema the routes always wrote (so
// validation and the OpenAPI document are unchanged) and gives it the TypeScript type TypeBox
// cannot work out by itself, so that requests and answers are typed by what the schema says.
import { Type, type TSchema, type TSchemaOptions } from 'typebox';

/** A scalar the client may send as a string or a number (Fastify's Ajv coerces it to a string). */
export const Scalar = (description?: string) => Type.String(description ? { description } : {});

/** One of a list of strings, as `anyOf` of constants; typed as their union (a mapped list alone types as never). */
export const OneOf = <const T extends string>(values: readonly T[], options: TSchemaOptions = {}) =>
  Type.Unsafe<T>(
    Type.Union(
      values.map((value) => Type.Literal(value)),
      options,
    ),
  );

/** Any JSON object, its keys read and checked by the service; typed as such (TypeBox types `{}` as `object`). */
export const AnyFields = (options: TSchemaOptions = {}) => Type.Unsafe<Record<string, unknown>>(Type.Object({}, { additionalProperties: true, ...options }));

/** The answer of a route that sends no body (204): documented as null, typed as nothing to send. */
export const NoBody = () => Type.Unsafe<undefined>(Type.Null());

/** An answer that is a file (a PDF, an image), documented as a string. */
export const FileBody = (description: string) => Type.Unsafe<Buffer>(Type.String({ description }));

/** A value or null. */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
