import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { contextOf } from '../../platform/access.js';
import { withTransaction } from '../../platform/database.js';
import { errorResponses } from '../../platform/errors.js';
import { dayNumber } from './calendar.engine.js';
import { calendarErrors } from './calendar.errors.js';
import { YearArrangement } from './calendar.model.js';
import type { CalendarProvider } from './calendar.provider.js';
import * as service from './calendar.service.js';

const errors = errorResponses;
const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const manage = { permission: 'calendar.manage' };

const DayResponse = Type.Object(
  {
    date: Type.String(),
    workday: Type.Boolean(),
    holidayName: Type.Optional(Type.String()),
    /** On a make-up working day (调休上班): the holiday it makes up for. */
    makeUpFor: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

/** 工作日历: public answers about working days and deadlines; administrators add years. */
export async function calendarModule(
  fastify: FastifyInstance,
  options: { provider: CalendarProvider },
): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['calendar 工作日历'];
  const { provider } = options;

  const checkedDate = (date: string, field: string) => {
    if (Number.isNaN(dayNumber(date))) throw calendarErrors.invalidDate(field);
    return date;
  };

  app.get(
    '/calendar/days/:date',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Whether a date is a working day (工作日), and its holiday',
        params: Type.Object({ date: IsoDate }, { additionalProperties: false }),
        response: { 200: DayResponse, ...errors },
      },
    },
    async (request) =>
      (await provider.current()).describe(checkedDate(request.params.date, 'params.date'), 'params.date'),
  );

  app.get(
    '/calendar/deadline',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The Nth working day after a date (the date itself is not counted)',
        querystring: Type.Object(
          { from: IsoDate, workingDays: Type.Integer({ minimum: 0, maximum: 1000 }) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object(
            { from: Type.String(), workingDays: Type.Integer(), due: Type.String() },
            { additionalProperties: false },
          ),
          ...errors,
        },
      },
    },
    async (request) => {
      const { from, workingDays } = request.query;
      const calendar = await provider.current();
      return {
        from,
        workingDays,
        due: calendar.addWorkingDays(checkedDate(from, 'query.from'), workingDays, 'query.from'),
      };
    },
  );

  app.get(
    '/calendar/years',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The years the calendar knows, with their official arrangements',
        response: { 200: Type.Object({ items: Type.Array(YearArrangement) }), ...errors },
      },
    },
    async () => ({ items: await service.listYears(app.database.db) }),
  );

  app.post(
    '/calendar/years',
    {
      config: { access: manage },
      schema: {
        tags,
        summary: "Add a year's holiday arrangement from the official notice",
        body: YearArrangement,
        response: { 201: YearArrangement, ...errors },
      },
    },
    async (request, reply) => {
      await withTransaction(app.database.db, (tx) => service.addYear(tx, contextOf(request), request.body));
      provider.invalidate();
      return reply.status(201).send(request.body);
    },
  );

  await app.register(async (importer) => {
    importer.addContentTypeParser(
      'text/plain',
      { parseAs: 'string', bodyLimit: 64 * 1024 },
      (_request, body, done) => done(null, body),
    );
    importer.withTypeProvider<TypeBoxTypeProvider>().post(
      '/calendar/years/import',
      {
        config: { access: manage },
        schema: {
          tags,
          summary: 'Add a year from a simple date list (text/plain: `YYYY-MM-DD 休|班 名称` per line)',
          querystring: Type.Object(
            {
              year: Type.Integer({ minimum: 2000, maximum: 2100 }),
              source: Type.String({ minLength: 4, maxLength: 200 }),
            },
            { additionalProperties: false },
          ),
          body: Type.String({ minLength: 1 }),
          response: { 201: YearArrangement, ...errors },
        },
      },
      async (request, reply) => {
        const arrangement = service.parseDateList(request.query.year, request.query.source, request.body);
        await withTransaction(app.database.db, (tx) => service.addYear(tx, contextOf(request), arrangement));
        provider.invalidate();
        return reply.status(201).send(arrangement);
      },
    );
  });
}
