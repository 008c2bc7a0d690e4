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
