/**
 * Names for the server's request and response shapes, taken from the generated OpenAPI types
 * (`schema.d.ts`, `npm run api:types`). Nothing here is written by hand but the names.
 */
import type { paths } from './schema';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

interface Operation {
  parameters: { query?: unknown; path?: unknown };
  requestBody?: unknown;
  responses: object;
}

/** The paths of the API that answer `method`. */
export type PathsWith<M extends HttpMethod> = {
  [P in keyof paths]: paths[P] extends Record<M, Operation> ? P : never;
}[keyof paths];

type OperationOf<P extends keyof paths, M extends HttpMethod> =
  paths[P] extends Record<M, infer O> ? (O extends Operation ? O : never) : never;

type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : undefined;

/** The JSON a successful call answers (200 or 201). */
export type ResponseOf<P extends keyof paths, M extends HttpMethod> = OperationOf<
  P,
  M
>['responses'] extends infer R
  ? 200 extends keyof R
    ? JsonOf<R[200]>
    : 201 extends keyof R
      ? JsonOf<R[201]>
      : undefined
  : never;

/** The query string parameters of an operation. */
export type QueryOf<P extends keyof paths, M extends HttpMethod> = NonNullable<
  OperationOf<P, M>['parameters']['query']
>;

/** The `{name}` parameters of an operation's path. */
export type PathParamsOf<P extends keyof paths, M extends HttpMethod> = NonNullable<
  OperationOf<P, M>['parameters']['path']
>;

/** The JSON body an operation takes. */
export type BodyOf<P extends keyof paths, M extends HttpMethod> = OperationOf<P, M>['requestBody'] extends
  | { content: { 'application/json': infer B } }
  | undefined
  ? B
  : never;

export type ItemSearchPage = ResponseOf<'/api/v1/items', 'get'>;
export type ItemSearchQuery = QueryOf<'/api/v1/items', 'get'>;
export type ItemSummary = ItemSearchPage['items'][number];
export type BundleSummary = ItemSearchPage['bundles'][number];
export type Suggestion = ResponseOf<'/api/v1/items/suggest', 'get'>['suggestions'][number];
export type Guide = ResponseOf<'/api/v1/items/{code}', 'get'>;
export type GuideMaterial = Guide['materials'][number];
export type FormSchema = NonNullable<Guide['form']>;
export type FormField = FormSchema['properties'][string];
export type Bundle = ResponseOf<'/api/v1/bundles/{code}', 'get'>;
export type BundleForm = ResponseOf<'/api/v1/bundles/{code}/form', 'get'>;
export type BundleApplication = ResponseOf<'/api/v1/bundle-applications/{id}', 'get'>;
export type CaseView = ResponseOf<'/api/v1/cases/{id}', 'get'>;
export type CasePage = ResponseOf<'/api/v1/cases', 'get'>;
export type CaseSummary = CasePage['items'][number];
export type CaseAction = PathParamsOf<'/api/v1/cases/{id}/actions/{action}', 'post'>['action'];
export type ActionBody = BodyOf<'/api/v1/cases/{id}/actions/{action}', 'post'>;
export type ApplyBody = BodyOf<'/api/v1/cases', 'post'>;
export type LookupResult = ResponseOf<'/api/v1/case-lookup', 'get'>;
export type Me = ResponseOf<'/api/v1/me', 'get'>;
export type MyEnterprises = ResponseOf<'/api/v1/me/enterprises', 'get'>;
export type Region = ResponseOf<'/api/v1/regions', 'get'>['items'][number];
export type Readiness = ResponseOf<'/readyz', 'get'>;
export type Department = ResponseOf<'/api/v1/departments', 'get'>['items'][number];
