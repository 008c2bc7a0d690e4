/** The directory's taxonomy at first install (DESIGN: "Categories form a taxonomy"). */
export interface TaxonomyTerm {
  id: string;
  name: string;
  parentId: string | null;
  description: string;
}

const top = (id: string, name: string, description: string): TaxonomyTerm => ({
  id,
  name,
  parentId: null,
  description,
});
const under =
  (parentId: string) =>
  (id: string, name: string, description: string): TaxonomyTerm => ({
    id,
    name,
    parentId,
    description,
  });

const housing = under('housing');
const food = under('food');
const employment = under('employment');
const clinics = under('clinics');

export const TAXONOMY: readonly TaxonomyTerm[] = [
  top('housing', 'Housing', 'Places to stay tonight and homes for longer.'),
  housing('emergency-shelter', 'Emergency shelter', 'Overnight beds, often with evening intake.'),
  housing(
    'transitional-housing',
    'Transitional housing',
    'Time-limited housing with support, up to about two years.',
  ),
  housing('recovery-residence', 'Recovery residence', 'Sober living homes for people in recovery.'),
  housing(
    'permanent-supportive-housing',
    'Permanent supportive housing',
    'Long-term housing with services.',
  ),
  top('food', 'Food', 'Groceries and meals.'),
  food('food-bank', 'Food bank', 'Large distributions of groceries.'),
  food('food-pantry', 'Food pantry', 'Groceries to take home, often weekly.'),
  food('meals', 'Meals', 'Hot meals served on site.'),
  top('employment', 'Employment', 'Work, training and help finding a job.'),
  employment('job-training', 'Job training', 'Skills and certificates for work.'),
  employment('job-placement', 'Job placement', 'Help finding and keeping a job.'),
  employment(
    'reentry-employment',
    'Re-entry employment',
    'Jobs and training for people with records.',
  ),
  top('clinics', 'Clinics', 'Health care.'),
  clinics('primary-care', 'Primary care', 'Doctor visits, check-ups and prescriptions.'),
  clinics('mental-health', 'Mental health', 'Counseling, psychiatry and crisis care.'),
  clinics(
    'substance-use-treatment',
    'Substance use treatment',
    'Outpatient and residential treatment, detox.',
  ),
  under('substance-use-treatment')(
    'medication-for-addiction-treatment',
    'Medication for addiction treatment',
    'Buprenorphine, methadone and naltrexone (MAT / MOUD).',
  ),
  clinics('dental', 'Dental', 'Dental care.'),
  top(
    'peer-drop-in',
    'Peer-run drop-in center',
    'Run by people with lived experience; come as you are.',
  ),
  top('benefits', 'Benefits', 'Help applying for Medi-Cal, CalFresh, SSI and other benefits.'),
  top('legal-aid', 'Legal aid', 'Free legal help, record clearance, tenant rights.'),
  top('transportation', 'Transportation', 'Bus passes, rides to appointments.'),
  top('clothing-hygiene', 'Clothing and hygiene', 'Clothes, showers, laundry, hygiene kits.'),
  top('crisis', 'Crisis lines', 'Someone to talk to right now, day or night.'),
];
