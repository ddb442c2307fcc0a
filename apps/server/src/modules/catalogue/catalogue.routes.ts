import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import Type from 'typebox';
import { contextOf } from '../../platform/access.js';
import { TtlCache } from '../../platform/cache.js';
import { withTransaction } from '../../platform/database.js';
import { errorResponses } from '../../platform/errors.js';
import { BasicItem, Bundle } from './catalogue.model.js';
import { cataloguePermissions } from './catalogue.policy.js';
import {
  BasicCodeParams,
  BasicItemListQuery,
  BasicItemPage,
  BundleDetail,
  BundleParams,
  BundleSummary,
  CreateEntryBody,
  EntryAdmin,
  EntryIdParams,
  EntryListQuery,
  EntryListResponse,
  EntryVersion,
  GuideParams,
  GuideQuery,
  GuideResponse,
  PublishBody,
  QualityQuery,
  QualityReport,
  SaveDraftBody,
  SearchQuery,
  SearchResponse,
  SuggestQuery,
  SuggestResponse,
  UpdateBasicItemBody,
  VersionParams,
} from './catalogue.schemas.js';
import * as service from './catalogue.service.js';
import { PUBLIC_CACHE_TTL_MS } from './catalogue.service.js';
import { catalogueTransferRoutes } from './catalogue.transfer.routes.js';

const errors = errorResponses;
const manage = { permission: cataloguePermissions.manage };

/**
 * The cache key of a search: its parameters in a fixed order, the words with runs of white space
 * made one, so `公积金  提取` and `公积金 提取` share a result.
 */
export function searchCacheKey(query: Record<string, unknown>): string {
  return Object.keys(query)
    .filter((key) => query[key] !== undefined)
    .sort()
    .map((key) => {
      const value = query[key];
      return `${key}=${typeof value === 'string' ? value.trim().replace(/\s+/g, ' ') : String(value)}`;
    })
    .join('&');
}

/**
 * 事项目录 and 办事指南: public search and guides (`/items`, `/bundles`), and the administration API
 * (`/catalogue/...`) for catalogue administrators.
 */
export async function catalogueModule(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const publicTags = ['catalogue 办事服务'];
  const adminTags = ['catalogue admin 事项管理'];
  const db = () => app.database.db;
  // Guides and searches are read far more than the catalogue changes, and what people search for
  // is concentrated on a few hundred phrases (社保, 公积金, 营业执照 …): cache both briefly. This
  // process's publish, retire, bundle and import clear them at once; other processes serve the old
  // answer for at most PUBLIC_CACHE_TTL_MS. The caches hold serialized JSON: a hit is a lookup and
  // a socket write.
  const guides = new TtlCache<string>({ ttlMs: PUBLIC_CACHE_TTL_MS, maxEntries: 5000 });
  const searches = new TtlCache<string>({ ttlMs: PUBLIC_CACHE_TTL_MS, maxEntries: 5000 });
  const publicChanged = () => {
    guides.clear();
    searches.clear();
    service.forgetCachedGuides(db());
  };
  const sendJson = (reply: FastifyReply, json: string) =>
    // A string payload is sent as it is: already serialized against the route's response schema.
    reply.type('application/json; charset=utf-8').send(json as never);

  app.get(
    '/items',
    {
      config: { access: 'public' },
      schema: {
        tags: publicTags,
        summary: 'Search published service items (Chinese full text, filters, ranked, paged)',
        querystring: SearchQuery,
        response: { 200: SearchResponse, ...errors },
      },
    },
    async (request, reply) => {
      const json = await searches.getOrLoad(searchCacheKey(request.query), async () =>
        JSON.stringify((await service.searchItems(db(), request.query)) satisfies SearchResponse),
      );
      return sendJson(reply, json);
    },
  );

  app.get(
    '/items/suggest',
    {
      config: { access: 'public' },
      schema: {
        tags: publicTags,
        summary: 'Item names for what is being typed (prefix and typo tolerant)',
        querystring: SuggestQuery,
        response: { 200: SuggestResponse, ...errors },
      },
    },
    async (request) => service.suggest(db(), request.query.q, request.query.region),
  );

  app.get(
    '/items/:code',
    {
      config: { access: 'public' },
      schema: {
        tags: publicTags,
        summary: 'The full guide (办事指南) of a published item: by 实施编码, or by 基本编码 with ?region=',
        params: GuideParams,
        querystring: GuideQuery,
        response: { 200: GuideResponse, ...errors },
      },
    },
    async (request, reply) => {
      const { code } = request.params;
      const { region } = request.query;
      const json = await guides.getOrLoad(`${code}|${region ?? ''}`, async () =>
        JSON.stringify((await service.getGuide(db(), code, region)) satisfies GuideResponse),
      );
      return sendJson(reply, json);
    },
  );

  app.get(
    '/bundles',
    {
      config: { access: 'public' },
      schema: {
        tags: publicTags,
        summary: '一件事 bundles',
        response: { 200: Type.Object({ items: Type.Array(BundleSummary) }), ...errors },
      },
    },
    async () => ({ items: await service.listBundles(db()) }),
  );

  app.get(
    '/bundles/:code',
    {
      config: { access: 'public' },
      schema: {
        tags: publicTags,
        summary: 'One 一件事 bundle',
        params: BundleParams,
        response: { 200: BundleDetail, ...errors },
      },
    },
    async (request) => service.getBundle(db(), request.params.code),
  );

  app.get(
    '/catalogue/basic-items/:basicCode',
    {
      config: { access: 'public' },
      schema: {
        tags: adminTags,
        summary: 'A basic-catalogue item',
        params: BasicCodeParams,
        response: { 200: BasicItem, ...errors },
      },
    },
    async (request) => service.getBasicItem(db(), request.params.basicCode),
  );

  app.post(
    '/catalogue/basic-items',
    {
      config: { access: manage },
      schema: {
        tags: adminTags,
        summary: 'Define a basic-catalogue item (基本目录)',
        body: BasicItem,
        response: { 201: BasicItem, ...errors },
      },
    },
    async (request, reply) => {
      const item = await withTransaction(db(), (tx) =>
        service.createBasicItem(tx, contextOf(request), request.body),
      );
      return reply.status(201).send(item);
    },
  );

  app.get(
    '/catalogue/basic-items',
    {
      config: { access: manage },
      schema: {
        tags: adminTags,
        summary: 'Basic-catalogue items (基本目录), filtered and paged, with their entry counts',
        querystring: BasicItemListQuery,
        response: { 200: BasicItemPage, ...errors },
      },
    },
    async (request) => service.listBasicItems(db(), request.query),
  );

  app.put(
    '/catalogue/basic-items/:basicCode',
    {
      config: { access: manage },
      schema: {
        tags: adminTags,
        summary:
          'Change a basic item; its key elements stay fixed once entries implement it (同一事项、同一标准)',
        params: BasicCodeParams,
        body: UpdateBasicItemBody,
        response: { 200: BasicItem, ...errors },
      },
    },
    async (request) =>
      withTransaction(db(), (tx) =>
        service.updateBasicItem(tx, contextOf(request), request.params.basicCode, request.body),
      ),
  );

  app.get(
    '/catalogue/entries',
    {
      config: { access: manage },
      schema: {
        tags: adminTags,
        summary:
          'Implementation entries in the caller’s scope, any state (drafts, retired), filtered and paged on the server',
        querystring: EntryListQuery,
        response: { 200: EntryListResponse, ...errors },
      },
    },
    async (request) => service.listEntriesAdmin(db(), contextOf(request), request.query),
  );

  app.post(
    '/catalogue/entries',
    {
      config: { access: manage },
      schema: {
        tags: adminTags,
        summary:
          'Register an implementation entry (实施清单) with its first draft; the six key elements are checked',
        body: CreateEntryBody,
        response: { 201: EntryAdmin, ...errors },
      },
    },
    async (request, reply) => {
      const entry = await withTransaction(db(), (tx) =>
        service.createEntry(tx, contextOf(request), request.body).then((id) => service.getEntryAdmin(tx, id)),
      );
      return reply.status(201).send(entry);
    },
  );

  app.get(
    '/catalogue/entries/:id',
    {
      config: { access: manage },
      schema: {
        tags: adminTags,
        summary: 'An entry with all its versions',
        params: EntryIdParams,
        response: { 200: EntryAdmin, ...errors },
      },
    },
    async (request) => service.getEntryAdmin(db(), request.params.id, contextOf(request)),
  );

  app.put(
    '/catalogue/entries/:id/draft',
    {
      config: { access: manage },
      schema: {
        tags: adminTags,
        summary: 'Save the draft (editing a published entry creates a new draft version)',
        params: EntryIdParams,
        body: SaveDraftBody,
        response: { 200: EntryAdmin, ...errors },
      },
    },
    async (request) =>
      withTransaction(db(), (tx) =>
        service
          .saveDraft(tx, contextOf(request), request.params.id, request.body.content)
          .then((id) => service.getEntryAdmin(tx, id)),
      ),
  );

  app.post(
    '/catalogue/entries/:id/publish',
    {
      config: { access: manage },
      schema: {
        tags: adminTags,
        summary: 'Publish the draft after the quality rules; the previous version is retired',
        params: EntryIdParams,
        body: Type.Optional(PublishBody),
        response: { 200: EntryAdmin, ...errors },
      },
    },
    async (request) => {
      const entry = await withTransaction(db(), async (tx) => {
        const id = await service.publishEntry(tx, contextOf(request), request.params.id, {
          validFrom: request.body?.validFrom,
        });
        return service.getEntryAdmin(tx, id);
      });
      publicChanged();
      return entry;
    },
  );

  app.post(
    '/catalogue/entries/:id/retire',
    {
      config: { access: manage },
      schema: {
        tags: adminTags,
        summary: 'Retire the published version',
        params: EntryIdParams,
        response: { 200: EntryAdmin, ...errors },
      },
    },
    async (request) => {
      const entry = await withTransaction(db(), (tx) =>
        service
          .retireEntry(tx, contextOf(request), request.params.id)
          .then((id) => service.getEntryAdmin(tx, id)),
      );
      publicChanged();
      return entry;
    },
  );

  app.get(
    '/catalogue/versions/:versionId',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: adminTags,
        summary: 'One version with its content (what a case executes)',
        params: VersionParams,
        response: { 200: EntryVersion, ...errors },
      },
    },
    async (request) => service.getEntryVersion(db(), request.params.versionId),
  );

  app.get(
    '/catalogue/quality',
    {
      config: { access: manage },
      schema: {
        tags: adminTags,
        summary: 'Quality-rule violations across the catalogue (the failing entries, a page at a time)',
        querystring: QualityQuery,
        response: { 200: QualityReport, ...errors },
      },
    },
    async (request) => service.qualityReport(db(), contextOf(request), request.query),
  );

  app.post(
    '/catalogue/bundles',
    {
      config: { access: manage },
      schema: {
        tags: adminTags,
        summary: 'Define a 一件事 bundle',
        body: Bundle,
        response: { 201: Bundle, ...errors },
      },
    },
    async (request, reply) => {
      const bundle = await withTransaction(db(), (tx) =>
        service.createBundle(tx, contextOf(request), request.body),
      );
      publicChanged();
      return reply.status(201).send(bundle);
    },
  );

  await app.register(catalogueTransferRoutes, { onChanged: publicChanged });
}
