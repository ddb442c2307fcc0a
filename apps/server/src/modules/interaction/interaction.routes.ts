import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import Type from 'typebox';
import { contextOf, type Principal } from '../../platform/access.js';
import { withTransaction } from '../../platform/database.js';
import { errorResponses as errors, unauthorized } from '../../platform/errors.js';
import type { CalendarProvider } from '../calendar/calendar.provider.js';
import { casePermissions } from '../cases/cases.policy.js';
import * as service from './interaction.service.js';

const Uuid = Type.String({ format: 'uuid' });

const RatingSchema = Type.Object(
  {
    id: Type.String(),
    caseId: Type.String(),
    caseNumber: Type.Union([Type.String(), Type.Null()]),
    itemName: Type.String(),
    departmentId: Type.String(),
    level: Type.Integer({ minimum: 1, maximum: 5 }),
    levelName: Type.String({ description: '非常满意 / 满意 / 基本满意 / 不满意 / 非常不满意' }),
    verdict: Type.Union([Type.Literal('good'), Type.Literal('neutral'), Type.Literal('bad')]),
    comment: Type.Union([Type.String(), Type.Null()]),
    reasons: Type.Array(Type.String()),
    channel: Type.Union([Type.Literal('online'), Type.Literal('window')]),
    followUp: Type.Union([Type.Literal('not_required'), Type.Literal('pending'), Type.Literal('rectified')]),
    rectifyDue: Type.Union([Type.String(), Type.Null()]),
    rectification: Type.Union([Type.String(), Type.Null()]),
    rectifiedAt: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String(),
  },
  { additionalProperties: false },
);

function callerOf(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthorized();
  return request.principal;
}

/** 好差评: the applicant rates a completed case once; 差评 are rectified; supervision reads them all. */
export async function interactionModule(
  fastify: FastifyInstance,
  options: { calendar: CalendarProvider; now: () => Date },
): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['interaction 好差评'];
  const db = () => app.database.db;

  app.get(
    '/ratings/options',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The rating levels and the reasons a 差评 can give',
        response: {
          200: Type.Object({
            levels: Type.Array(Type.Object({ level: Type.Integer(), name: Type.String() })),
            badReasons: Type.Array(Type.String()),
            rectifyWorkingDays: Type.Integer(),
          }),
          ...errors,
        },
      },
    },
    async () => ({
      levels: Object.entries(service.RATING_LEVELS)
        .map(([level, name]) => ({ level: Number(level), name }))
        .sort((a, b) => b.level - a.level),
      badReasons: [...service.BAD_RATING_REASONS],
      rectifyWorkingDays: service.RECTIFY_WORKING_DAYS,
    }),
  );

  app.post(
    '/cases/:id/rating',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '一事一评: rate my completed case (once)',
        params: Type.Object({ id: Uuid }, { additionalProperties: false }),
        body: Type.Object(
          {
            level: Type.Union([1, 2, 3, 4, 5].map((level) => Type.Literal(level))),
            comment: Type.Optional(Type.String({ maxLength: 500 })),
            reasons: Type.Optional(Type.Array(Type.String({ maxLength: 20 }), { maxItems: 7 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: RatingSchema, ...errors },
      },
    },
    async (request, reply) => {
      const calendar = await options.calendar.current();
      const rating = await withTransaction(db(), (tx) =>
        service.rateCase(
          tx,
          contextOf(request),
          { calendar, now: options.now() },
          callerOf(request),
          request.params.id,
          request.body as service.RateInput,
        ),
      );
      return reply.status(201).send(rating);
    },
  );

  app.get(
    '/cases/:id/rating',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: "A case's rating (its applicant, or staff who may see the case); null when not rated",
        params: Type.Object({ id: Uuid }, { additionalProperties: false }),
        response: { 200: Type.Object({ rating: Type.Union([RatingSchema, Type.Null()]) }), ...errors },
      },
    },
    async (request) => ({ rating: await service.ratingOfCase(db(), callerOf(request), request.params.id) }),
  );

  app.get(
    '/ratings',
    {
      config: { access: { permission: casePermissions.supervise } },
      schema: {
        tags,
        summary: 'Ratings within my scope (电子监察), e.g. 差评 awaiting rectification',
        querystring: Type.Object(
          {
            followUp: Type.Optional(
              Type.Union([Type.Literal('not_required'), Type.Literal('pending'), Type.Literal('rectified')]),
            ),
            verdict: Type.Optional(
              Type.Union([Type.Literal('good'), Type.Literal('neutral'), Type.Literal('bad')]),
            ),
            page: Type.Integer({ minimum: 1, default: 1 }),
            pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            items: Type.Array(RatingSchema),
            total: Type.Integer(),
            page: Type.Integer(),
            pageSize: Type.Integer(),
          }),
          ...errors,
        },
      },
    },
    async (request) => service.listRatings(db(), contextOf(request), request.query),
  );

  app.post(
    '/ratings/:id/rectification',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '整改: what the department did about a 差评 (its approvers or supervision)',
        params: Type.Object({ id: Uuid }, { additionalProperties: false }),
        body: Type.Object(
          { content: Type.String({ minLength: 5, maxLength: 1000 }) },
          { additionalProperties: false },
        ),
        response: { 200: RatingSchema, ...errors },
      },
    },
    async (request) =>
      withTransaction(db(), (tx) =>
        service.rectify(
          tx,
          contextOf(request),
          callerOf(request),
          request.params.id,
          request.body.content,
          options.now(),
        ),
      ),
  );
}
