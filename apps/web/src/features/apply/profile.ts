import { useMe } from '../../auth/auth';
import { useSession } from '../../auth/session';
import type { Profile } from './SchemaForm';

/**
 * The applicant's verified facts, by the names the catalogue's `x-prefill` uses, from the ID token
 * (scopes `profile phone identity`) and `/me`; and who applies (name and ID number or credit
 * code). An agent acting for an enterprise gets the enterprise's name but not its credit code,
 * which the API shows only masked: the agent types it.
 */
export function useApplicantProfile(): {
  profile: Profile;
  applicant: { name: string; identifier?: string; mobile?: string };
} {
  const session = useSession();
  const me = useMe();
  const claims = session?.claims;
  const kind = me.data?.kind ?? claims?.account_kind;
  const actingForEnterprise = Boolean(me.data?.agent);
  const name = me.data?.name ?? claims?.name ?? '';
  const profile: Profile = {};
  if (kind === 'enterprise') {
    profile['enterprise.name'] = name;
    if (!actingForEnterprise) {
      profile['enterprise.creditCode'] = claims?.credit_code;
      profile['enterprise.legalRepresentative'] = claims?.legal_representative;
      profile.mobile = claims?.phone_number;
    }
  } else {
    profile.name = name;
    profile.idNumber = claims?.id_number;
    profile.mobile = claims?.phone_number;
  }
  const identifier =
    kind === 'enterprise' ? (actingForEnterprise ? undefined : claims?.credit_code) : claims?.id_number;
  const applicant: { name: string; identifier?: string; mobile?: string } = { name };
  if (identifier) applicant.identifier = identifier;
  if (!actingForEnterprise && claims?.phone_number) applicant.mobile = claims.phone_number;
  return { profile, applicant };
}
