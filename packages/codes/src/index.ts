/**
 * Validators and builders for the national codes Yiwang identifies people, organisations and
 * places by: 统一社会信用代码 (GB 32100), 公民身份号码 (GB 11643) and 行政区划代码 (GB/T 2260).
 */
export {
  birthDateOfCitizenId,
  type CitizenIdInvalidReason,
  type CitizenIdValidation,
  citizenIdCheckChar,
  isValidCitizenId,
  maskCitizenId,
  maskMobile,
  normalizeCitizenId,
  validateCitizenId,
} from './citizen-id.js';
export {
  CREDIT_CODE_ALPHABET,
  type CreditCodeInvalidReason,
  type CreditCodeParts,
  type CreditCodeValidation,
  creditCodeCheckChar,
  isValidCreditCode,
  makeCreditCode,
  normalizeCreditCode,
  orgCodeCheckChar,
  validateCreditCode,
} from './credit-code.js';
export {
  isValidLicenceId,
  isValidMod37x36,
  LICENCE_ID_PREFIX,
  type LicenceIdInvalidReason,
  type LicenceIdParts,
  type LicenceIdValidation,
  MOD_37_36_ALPHABET,
  makeLicenceId,
  mod37x36CheckChar,
  validateLicenceId,
} from './licence-id.js';
export {
  canonicalRegionCode,
  isValidRegionCode,
  PROVINCE_PREFIXES,
  parentRegionCode,
  type RegionLevel,
  regionCodePrefix,
  regionLevelOf,
} from './region-code.js';
