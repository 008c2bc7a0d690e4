import { registerEnumType } from 'type-graphql';

export enum PeerAvailability {
  AVAILABLE = 'AVAILABLE',
  LIMITED = 'LIMITED',
  UNAVAILABLE = 'UNAVAILABLE',
}
registerEnumType(PeerAvailability, {
  name: 'PeerAvailability',
  description:
    'Whether a peer takes new people now. UNAVAILABLE peers are left out of matches unless asked for.',
  valuesConfig: {
    AVAILABLE: { description: 'Taking new people.' },
    LIMITED: { description: 'Taking a few new people, or at some times only.' },
    UNAVAILABLE: { description: 'Not taking new people (leave, training, full schedule).' },
  },
});

export enum PeerCertificationType {
  MEDI_CAL_PEER_SUPPORT_SPECIALIST = 'MEDI_CAL_PEER_SUPPORT_SPECIALIST',
  NATIONAL_CERTIFIED_PEER_SPECIALIST = 'NATIONAL_CERTIFIED_PEER_SPECIALIST',
  CERTIFIED_PEER_RECOVERY_SPECIALIST = 'CERTIFIED_PEER_RECOVERY_SPECIALIST',
  OTHER = 'OTHER',
}
registerEnumType(PeerCertificationType, {
  name: 'PeerCertificationType',
  valuesConfig: {
    MEDI_CAL_PEER_SUPPORT_SPECIALIST: {
      description:
        'California Medi-Cal Peer Support Specialist certificate (CalMHSA), renewed every two years.',
    },
    NATIONAL_CERTIFIED_PEER_SPECIALIST: {
      description: 'National Certified Peer Specialist (NAADAC).',
    },
    CERTIFIED_PEER_RECOVERY_SPECIALIST: {
      description: 'Certified Peer Recovery Specialist (CCAPP).',
    },
    OTHER: { description: 'Another certificate; its name says which.' },
  },
});

/** The areas of specialization of the California Medi-Cal Peer Support Specialist certificate. */
export enum PeerSpecialization {
  PARENT_CAREGIVER_FAMILY = 'PARENT_CAREGIVER_FAMILY',
  CRISIS_CARE = 'CRISIS_CARE',
  UNHOUSED = 'UNHOUSED',
  JUSTICE_INVOLVED = 'JUSTICE_INVOLVED',
}
registerEnumType(PeerSpecialization, {
  name: 'PeerSpecialization',
  description:
    'A certified area of specialization; only certifications that have not expired count.',
});

export enum LivedExperienceArea {
  MENTAL_HEALTH = 'MENTAL_HEALTH',
  SUBSTANCE_USE = 'SUBSTANCE_USE',
  JUSTICE_INVOLVEMENT = 'JUSTICE_INVOLVEMENT',
  HOMELESSNESS = 'HOMELESSNESS',
  VETERAN = 'VETERAN',
  FAMILY_MEMBER = 'FAMILY_MEMBER',
  LGBTQ = 'LGBTQ',
  FOSTER_CARE = 'FOSTER_CARE',
  DOMESTIC_VIOLENCE = 'DOMESTIC_VIOLENCE',
  IMMIGRATION = 'IMMIGRATION',
  DISABILITY = 'DISABILITY',
}
registerEnumType(LivedExperienceArea, {
  name: 'LivedExperienceArea',
  description: 'Experience a peer has lived through and chooses to share in their work.',
  valuesConfig: {
    FAMILY_MEMBER: {
      description: 'A parent, caregiver or family member of someone who received services.',
    },
    LGBTQ: { description: 'LGBTQ+.' },
  },
});

/** Who a lived-experience area is shown to; the peer decides, area by area. */
export enum LivedExperienceVisibility {
  SIGNED_IN = 'SIGNED_IN',
  ORGANIZATION_STAFF = 'ORGANIZATION_STAFF',
  MATCHING_ONLY = 'MATCHING_ONLY',
}
registerEnumType(LivedExperienceVisibility, {
  name: 'LivedExperienceVisibility',
  description:
    'Who sees a lived-experience area on the profile and in match reasons. The peer always sees their own.',
  valuesConfig: {
    SIGNED_IN: { description: 'Everyone signed in.' },
    ORGANIZATION_STAFF: { description: "Signed-in staff of the peer's organization, and admins." },
    MATCHING_ONLY: {
      description:
        'No one: it counts in matching, and a match names it only as "shares lived experience asked for".',
    },
  },
});

/** Who sees a peer's work phone and email. */
export enum WorkContactVisibility {
  SIGNED_IN = 'SIGNED_IN',
  ORGANIZATION_STAFF = 'ORGANIZATION_STAFF',
}
registerEnumType(WorkContactVisibility, {
  name: 'WorkContactVisibility',
  description: 'Who sees the work contact. The peer always sees their own.',
  valuesConfig: {
    SIGNED_IN: { description: 'Everyone signed in.' },
    ORGANIZATION_STAFF: { description: "Signed-in staff of the peer's organization, and admins." },
  },
});

/**
 * Who sees an area until the peer says otherwise. Nothing is shown beyond the peer's organization
 * unless the peer chooses it. Areas whose disclosure can put a person at risk of harm, legal jeopardy
 * or discrimination (immigration, domestic violence, justice involvement, LGBTQ+, disability) are
 * used for matching only. The areas a peer's work rests on (mental health and substance use
 * recovery, the basis of peer certification; homelessness, foster care, veteran, family member)
 * are shown to their own organization's staff, who assign their work.
 */
export const DEFAULT_LIVED_EXPERIENCE_VISIBILITY: Readonly<
  Record<LivedExperienceArea, LivedExperienceVisibility>
> = {
  [LivedExperienceArea.MENTAL_HEALTH]: LivedExperienceVisibility.ORGANIZATION_STAFF,
  [LivedExperienceArea.SUBSTANCE_USE]: LivedExperienceVisibility.ORGANIZATION_STAFF,
  [LivedExperienceArea.JUSTICE_INVOLVEMENT]: LivedExperienceVisibility.MATCHING_ONLY,
  [LivedExperienceArea.HOMELESSNESS]: LivedExperienceVisibility.ORGANIZATION_STAFF,
  [LivedExperienceArea.VETERAN]: LivedExperienceVisibility.ORGANIZATION_STAFF,
  [LivedExperienceArea.FAMILY_MEMBER]: LivedExperienceVisibility.ORGANIZATION_STAFF,
  [LivedExperienceArea.LGBTQ]: LivedExperienceVisibility.MATCHING_ONLY,
  [LivedExperienceArea.FOSTER_CARE]: LivedExperienceVisibility.ORGANIZATION_STAFF,
  [LivedExperienceArea.DOMESTIC_VIOLENCE]: LivedExperienceVisibility.MATCHING_ONLY,
  [LivedExperienceArea.IMMIGRATION]: LivedExperienceVisibility.MATCHING_ONLY,
  [LivedExperienceArea.DISABILITY]: LivedExperienceVisibility.MATCHING_ONLY,
};

/** A peer's work contact is for their organization unless they choose to show it to everyone signed in. */
export const DEFAULT_WORK_CONTACT_VISIBILITY = WorkContactVisibility.ORGANIZATION_STAFF;
