import Type from 'typebox';

/** A string that is one of `values`: typed as their union, documented as an `enum` with its meaning. */
export const literals = <T extends string>(values: readonly T[], description: string) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values], description });

/** The keys of a code → label record (e.g. CASE_STATUSES) as such a string, each with its label. */
export const keysOf = <T extends Record<string, string>>(record: T, description: string) =>
  literals(
    Object.keys(record) as (keyof T & string)[],
    `${description}: ${Object.entries(record)
      .map(([code, label]) => `${code} ${label}`)
      .join(' / ')}`,
  );
