import { ReferralAccess } from './access-log/referral-access.entity';
import { ReferralConsent } from './consent/consent.entity';
import { ReferralEvent } from './referral/referral-event.entity';
import { ReferralNote } from './referral/referral-note.entity';
import { Referral } from './referral/referral.entity';

export const ENTITIES = [Referral, ReferralEvent, ReferralNote, ReferralConsent, ReferralAccess];
