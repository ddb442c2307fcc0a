import Type, { type Static } from 'typebox';

const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });

/** One year's official holiday arrangement, as published by the General Office of the State Council. */
export const YearArrangement = Type.Object(
  {
    year: Type.Integer({ minimum: 2000, maximum: 2100 }),
    source: Type.String({ minLength: 4, maxLength: 200, description: '通知名称及文号' }),
    holidays: Type.Array(
      Type.Object(
        { name: Type.String({ minLength: 1, maxLength: 30 }), from: IsoDate, to: IsoDate },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 20 },
    ),
    makeUpWorkdays: Type.Array(
      Type.Object(
        { name: Type.String({ minLength: 1, maxLength: 30 }), date: IsoDate },
        { additionalProperties: false },
      ),
      { maxItems: 20 },
    ),
  },
  { additionalProperties: false },
);
export type YearArrangementInput = Static<typeof YearArrangement>;
