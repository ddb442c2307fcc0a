/**
 * The e-licence routes (电子证照) of the licences module, which is landing in parallel: typed here by
 * hand from its schemas until `npm run api:types` includes them; replace with the generated types.
 */
import { ApiError } from '../../api/client';

export interface LicenceSummary {
  identifier: string;
  typeCode: string;
  typeName: string;
  version: number;
  licenceNumber: string | null;
  holder: { kind: string; name: string; identifier: string };
  issuer: { name: string; code: string };
  issuedOn: string;
  validFrom: string;
  validUntil: string | null;
  status: string;
  statusLabel: string;
  statusReason: string | null;
  caseNumber: string | null;
}

export interface VerifyResponse {
  valid: boolean;
  reason?: string;
  message: string;
  licence?: {
    identifier: string;
    typeName: string;
    holderName: string;
    issuerName: string;
    issuedOn: string;
    validUntil: string | null;
    status: string;
  };
  checkedAt: string;
}

/** The server has no such route yet (the module is not registered in this build). */
export function isRouteMissing(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'ROUTE_NOT_FOUND';
}

/** Where a licence's QR code leads: this app's verification page. */
export function verificationUrl(identifier: string): string {
  return new URL(`/licences/verify?id=${encodeURIComponent(identifier)}`, window.location.origin).href;
}
