import Type from 'typebox';
import { HolderKind, LicenceData, LicenceDocument, LicenceType, LicenceTypeCode } from './licences.model.js';
import { SEAL_KINDS } from './licences.service.js';

/** Request and response schemas of the licences API (also its OpenAPI). */

const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const Uuid = Type.String({ format: 'uuid' });
const Reason = Type.String({ minLength: 2, maxLength: 500 });
/** A GB/T 36904 identifier as a path or body value; its check character is checked by the service. */
export const Identifier = Type.String({ pattern: '^1\\.2\\.156\\.3005\\.2\\.[0-9A-Z.]{5,200}$' });

export const IdentifierParams = Type.Object({ identifier: Identifier }, { additionalProperties: false });
export const CodeParams = Type.Object({ code: LicenceTypeCode }, { additionalProperties: false });
export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });

export const LicenceTypeList = Type.Object(
  { items: Type.Array(LicenceType) },
  { additionalProperties: false },
);

// Seals -----------------------------------------------------------------------------------------

export const SealKind = Type.Union([
  Type.Literal(SEAL_KINDS[0]),
  Type.Literal(SEAL_KINDS[1]),
  Type.Literal(SEAL_KINDS[2]),
  Type.Literal(SEAL_KINDS[3]),
]);
export const SealStatus = Type.Union([
  Type.Literal('active'),
  Type.Literal('suspended'),
  Type.Literal('revoked'),
]);

export const CreateSealBody = Type.Object(
  {
    departmentId: Uuid,
    kind: SealKind,
    name: Type.Optional(Type.String({ minLength: 2, maxLength: 40 })),
    validFrom: IsoDate,
    validUntil: IsoDate,
  },
  { additionalProperties: false },
);

export const SealStatusBody = Type.Object(
  { status: SealStatus, reason: Reason },
  { additionalProperties: false },
);

export const SealResponse = Type.Object(
  {
    id: Uuid,
    code: Type.String(),
    departmentId: Uuid,
    issuerCode: Type.String(),
    issuerName: Type.String(),
    kind: Type.String(),
    name: Type.String(),
    validFrom: Type.String(),
    validUntil: Type.String(),
    publicKey: Type.String({ description: 'SM2 public key, uncompressed, hex' }),
    maker: Type.String(),
    status: SealStatus,
    statusLabel: Type.String(),
    statusReason: Type.Union([Type.String(), Type.Null()]),
    statusChangedAt: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String(),
  },
  { additionalProperties: false },
);

/** What offline verifiers need of each seal: its code, issuer, status and public key. */
export const SealRegistryEntry = Type.Object(
  {
    code: Type.String(),
    issuerCode: Type.String(),
    issuerName: Type.String(),
    kind: Type.String(),
    name: Type.String(),
    validFrom: Type.String(),
    validUntil: Type.String(),
    status: SealStatus,
    publicKey: Type.String(),
    publicKeyPem: Type.String(),
  },
  { additionalProperties: false },
);

// Licences --------------------------------------------------------------------------------------

export const HolderBody = Type.Object(
  {
    kind: HolderKind,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    identifier: Type.String({ minLength: 18, maxLength: 18 }),
  },
  { additionalProperties: false },
);

export const IssueBody = Type.Object(
  {
    typeCode: LicenceTypeCode,
    departmentId: Uuid,
    holder: HolderBody,
    data: LicenceData,
    validFrom: Type.Optional(IsoDate),
    validUntil: Type.Optional(Type.Union([IsoDate, Type.Null()])),
    licenceNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  },
  { additionalProperties: false },
);

export const ImportBody = Type.Object(
  { items: Type.Array(IssueBody, { minItems: 1, maxItems: 500 }) },
  { additionalProperties: false },
);

export const VersionBody = Type.Object(
  {
    data: Type.Optional(LicenceData),
    holderName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    validFrom: Type.Optional(IsoDate),
    validUntil: Type.Optional(Type.Union([IsoDate, Type.Null()])),
    licenceNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    reason: Reason,
  },
  { additionalProperties: false },
);

export const LicenceStatusBody = Type.Object(
  {
    status: Type.Union([
      Type.Literal('valid'),
      Type.Literal('suspended'),
      Type.Literal('revoked'),
      Type.Literal('cancelled'),
    ]),
    reason: Reason,
  },
  { additionalProperties: false },
);

const LicenceStatusValue = Type.Union([
  Type.Literal('valid'),
  Type.Literal('suspended'),
  Type.Literal('revoked'),
  Type.Literal('cancelled'),
  Type.Literal('superseded'),
]);

export const LicenceSummary = Type.Object(
  {
    identifier: Type.String(),
    typeCode: Type.String(),
    typeName: Type.String(),
    version: Type.Integer(),
    licenceNumber: Type.Union([Type.String(), Type.Null()]),
    holder: Type.Object(
      {
        kind: HolderKind,
        name: Type.String(),
        identifier: Type.String({ description: 'masked for persons' }),
      },
      { additionalProperties: false },
    ),
    issuer: Type.Object({ name: Type.String(), code: Type.String() }, { additionalProperties: false }),
    departmentId: Uuid,
    issuedOn: Type.String(),
    validFrom: Type.String(),
    validUntil: Type.Union([Type.String(), Type.Null()]),
    status: LicenceStatusValue,
    statusLabel: Type.String(),
    statusReason: Type.Union([Type.String(), Type.Null()]),
    source: Type.Union([Type.Literal('case'), Type.Literal('officer'), Type.Literal('import')]),
    caseNumber: Type.Union([Type.String(), Type.Null()]),
  },
  { additionalProperties: false },
);

export const LicenceWithDocument = Type.Object(
  { summary: LicenceSummary, document: LicenceDocument },
  { additionalProperties: false },
);

export const LicenceList = Type.Object(
  { items: Type.Array(LicenceSummary) },
  { additionalProperties: false },
);

export const PageQuery = Type.Object(
  {
    page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  },
  { additionalProperties: false },
);

// Verification ----------------------------------------------------------------------------------

export const VerifyBody = Type.Object(
  {
    /** The licence document as the holder has it (checked in full, a malformed one is invalid). */
    licence: Type.Optional(Type.Unknown()),
    identifier: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
  },
  { additionalProperties: false },
);

const VerifyReason = Type.Union([
  Type.Literal('identifier'),
  Type.Literal('signature'),
  Type.Literal('revoked'),
  Type.Literal('suspended'),
  Type.Literal('cancelled'),
  Type.Literal('superseded'),
  Type.Literal('expired'),
  Type.Literal('seal_revoked'),
  Type.Literal('unknown_issuer'),
  Type.Literal('not_found'),
]);

export const VerifyResponse = Type.Object(
  {
    valid: Type.Boolean(),
    reason: Type.Optional(VerifyReason),
    message: Type.String(),
    licence: Type.Optional(
      Type.Object(
        {
          identifier: Type.String(),
          typeName: Type.String(),
          holderName: Type.String({ description: 'a person’s name masked (张*)' }),
          issuerName: Type.String(),
          issuedOn: Type.String(),
          validUntil: Type.Union([Type.String(), Type.Null()]),
          status: Type.Union([LicenceStatusValue, Type.Literal('unknown')]),
        },
        { additionalProperties: false },
      ),
    ),
    checkedAt: Type.String(),
  },
  { additionalProperties: false },
);

export const StatusListQuery = Type.Object(
  { since: Type.Optional(Type.Integer({ minimum: 0, default: 0 })) },
  { additionalProperties: false },
);

export const StatusListResponse = Type.Object(
  {
    issuer: Type.String(),
    generatedAt: Type.String(),
    since: Type.Integer(),
    lastSeq: Type.Integer(),
    entries: Type.Array(
      Type.Object(
        {
          identifier: Type.String(),
          status: LicenceStatusValue,
          reason: Type.Union([Type.String(), Type.Null()]),
          changedAt: Type.String(),
          seq: Type.Integer(),
        },
        { additionalProperties: false },
      ),
    ),
    digest: Type.String({ description: 'SM3 of the canonical JSON of the other fields' }),
  },
  { additionalProperties: false },
);

// Uses ------------------------------------------------------------------------------------------

export const UseBody = Type.Object(
  {
    caseId: Uuid,
    materialKey: Type.String({ minLength: 1, maxLength: 100 }),
    identifier: Identifier,
    consent: Type.Boolean({ description: '持证人授权同意使用' }),
  },
  { additionalProperties: false },
);

const Grade = Type.Union([Type.Literal('A'), Type.Literal('B'), Type.Literal('C'), Type.Literal('D')]);

export const UseResponse = Type.Object(
  {
    id: Uuid,
    identifier: Type.String(),
    caseId: Uuid,
    materialKey: Type.String(),
    grade: Grade,
    gradeLabel: Type.String(),
    consent: Type.Boolean(),
    usedBy: Type.Object(
      { kind: Type.String(), name: Type.String(), agentName: Type.Union([Type.String(), Type.Null()]) },
      { additionalProperties: false },
    ),
    usedAt: Type.String(),
  },
  { additionalProperties: false },
);

export const UseResult = Type.Object(
  {
    use: UseResponse,
    material: Type.Object(
      {
        source: Type.String(),
        reference: Type.Union([Type.String(), Type.Null()]),
        fileName: Type.Union([Type.String(), Type.Null()]),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export const UseList = Type.Object({ items: Type.Array(UseResponse) }, { additionalProperties: false });

export const CaseLicences = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        {
          use: UseResponse,
          licence: LicenceSummary,
          data: LicenceData,
          verification: Type.Object(
            { valid: Type.Boolean(), reason: Type.Optional(VerifyReason), message: Type.String() },
            { additionalProperties: false },
          ),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

// Sharing ---------------------------------------------------------------------------------------

export const ShareQueryBody = Type.Object(
  {
    holderIdentifier: Type.String({ minLength: 18, maxLength: 18 }),
    typeCode: Type.Optional(LicenceTypeCode),
  },
  { additionalProperties: false },
);

export const ShareQueryResponse = Type.Object(
  { items: Type.Array(LicenceWithDocument) },
  { additionalProperties: false },
);

export const ShareLogResponse = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        {
          seq: Type.Integer(),
          clientKind: Type.String(),
          clientId: Type.String(),
          operation: Type.String(),
          typeCode: Type.Union([Type.String(), Type.Null()]),
          identifier: Type.Union([Type.String(), Type.Null()]),
          results: Type.Integer(),
          requestId: Type.Union([Type.String(), Type.Null()]),
          occurredAt: Type.String(),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
