/**
 * A deterministic, realistic sample directory for California: shelters, food, job programs,
 * clinics, crisis services and peer-run centers in six cities. Pure data: no I/O, no database,
 * no Math.random or Date.now. All names, street numbers, phones (555-01xx), e-mails and web sites
 * (*.example.org) are fictional; streets, neighborhoods, ZIP codes and coordinates are real.
 */

import { CITY_WEIGHTS, MORE_CITIES } from './california-cities';
import { Dice } from './dice';

export type Weekday = 'MONDAY' | 'TUESDAY' | 'WEDNESDAY' | 'THURSDAY' | 'FRIDAY' | 'SATURDAY' | 'SUNDAY';
export interface SampleHours { day: Weekday; opensAt: string; closesAt: string } // 'HH:MM'; closesAt may be '24:00'; closesAt < opensAt means past midnight
export interface SampleClosure { date: string; opensAt?: string | null; closesAt?: string | null; note?: string | null } // YYYY-MM-DD
export interface SampleLocation {
  id: string; // UUID
  name: string;
  description: string | null;
  address: { address1: string; address2: string | null; city: string; region: string | null /* county, e.g. 'Alameda County' */; stateProvince: 'CA'; postalCode: string; country: 'US' };
  latitude: number; longitude: number; // real coordinates inside the named city
  timeZone: 'America/Los_Angeles';
  accessibility: string | null; transitNotes: string | null;
  schedule: { weekly: SampleHours[]; closures: SampleClosure[] };
}
export interface SampleResource {
  id: string; // UUID
  name: string; alternateName: string | null; description: string;
  url: string | null; email: string | null; phone: string | null; // phone like '(510) 555-0142'
  status: 'ACTIVE' | 'TEMPORARILY_CLOSED' | 'INACTIVE';
  categories: string[]; // category ids from the list below
  populations: Population[]; insurance: Insurance[]; languages: string[]; // ISO 639-1: 'en','es','zh','vi','tl','ko','ru','fa','hy','ar','pa','hmn' is NOT 639-1 so don't use it
  minimumAge: number | null; maximumAge: number | null; eligibilityDescription: string | null;
  feesDescription: string | null; applicationProcess: string | null; requiredDocuments: string[];
  acceptsReferrals: boolean;
  capacity: { unit: string; available: number; maximum: number | null } | null;
  lastVerifiedAt: string; // ISO instant, spread over the two years before 2026-11-01
  locationIds: string[]; // ids of this organization's locations where it is offered
}
export interface SampleOrganization {
  id: string; name: string; alternateName: string | null; description: string;
  email: string | null; website: string | null; phone: string | null;
  locations: SampleLocation[]; resources: SampleResource[];
}
export type Population = 'PEOPLE_LEAVING_JAIL' | 'PEOPLE_LEAVING_PRISON' | 'PEOPLE_LEAVING_HOSPITAL' | 'PEOPLE_EXPERIENCING_HOMELESSNESS' | 'PEOPLE_IN_RECOVERY' | 'VETERANS' | 'FAMILIES' | 'YOUTH' | 'TRANSITION_AGE_YOUTH' | 'SENIORS' | 'WOMEN' | 'MEN' | 'LGBTQ' | 'PEOPLE_WITH_DISABILITIES' | 'SURVIVORS_OF_VIOLENCE' | 'IMMIGRANTS' | 'PREGNANT_PEOPLE';
export type Insurance = 'MEDI_CAL' | 'MEDICARE' | 'PRIVATE' | 'VA' | 'UNINSURED' | 'SLIDING_SCALE';

// ---------------------------------------------------------------------------------------------
// Tables
// ---------------------------------------------------------------------------------------------

export interface SampleNeighborhood { name: string; latitude: number; longitude: number; postalCode: string; streets: readonly string[] }
export interface SampleCity {
  city: string; county: string; areaCode: string;
  latitude: number; longitude: number; // city center
  transit: readonly string[]; languages: readonly string[]; // languages besides en/es common locally
  neighborhoods: readonly SampleNeighborhood[];
}

const hood = (name: string, latitude: number, longitude: number, postalCode: string, streets: string): SampleNeighborhood =>
  ({ name, latitude, longitude, postalCode, streets: streets.split('|') });

export const SAMPLE_CITIES: readonly SampleCity[] = [
  { city: 'Oakland', county: 'Alameda County', areaCode: '510', latitude: 37.8044, longitude: -122.2712,
    transit: ['AC Transit', 'BART'], languages: ['zh', 'vi', 'ar', 'tl'], neighborhoods: [
      hood('Downtown', 37.806, -122.27, '94612', 'Broadway|Telegraph Ave|Franklin St|14th St'),
      hood('West Oakland', 37.812, -122.29, '94607', 'Mandela Pkwy|Adeline St|7th St|Peralta St'),
      hood('Fruitvale', 37.775, -122.224, '94601', 'International Blvd|Fruitvale Ave|Foothill Blvd'),
      hood('San Antonio', 37.79, -122.24, '94606', 'E 12th St|International Blvd|14th Ave|Foothill Blvd'),
      hood('Elmhurst', 37.756, -122.195, '94621', 'International Blvd|98th Ave|MacArthur Blvd'),
  ] },
  { city: 'San Francisco', county: 'San Francisco County', areaCode: '415', latitude: 37.7793, longitude: -122.4193,
    transit: ['Muni', 'BART'], languages: ['zh', 'tl', 'ru', 'vi'], neighborhoods: [
      hood('Tenderloin', 37.784, -122.414, '94102', 'Eddy St|Turk St|Golden Gate Ave|Leavenworth St|Ellis St'),
      hood('South of Market', 37.7785, -122.4056, '94103', 'Howard St|Folsom St|Mission St|6th St'),
      hood('Mission District', 37.7599, -122.4148, '94110', 'Mission St|Valencia St|16th St|24th St'),
      hood('Bayview', 37.73, -122.39, '94124', '3rd St|Evans Ave|Palou Ave'),
      hood('Western Addition', 37.781, -122.432, '94115', 'Fillmore St|Divisadero St|Geary Blvd'),
  ] },
  { city: 'Los Angeles', county: 'Los Angeles County', areaCode: '213', latitude: 34.0522, longitude: -118.2437,
    transit: ['Metro bus', 'Metro Rail'], languages: ['ko', 'hy', 'fa', 'tl', 'zh', 'ru'], neighborhoods: [
      hood('Central City East', 34.044, -118.243, '90013', 'San Pedro St|S Los Angeles St|E 5th St|E 6th St|Crocker St'),
      hood('Westlake', 34.057, -118.278, '90057', 'Wilshire Blvd|S Alvarado St|W 6th St'),
      hood('Boyle Heights', 34.033, -118.208, '90033', 'E Cesar E Chavez Ave|E 1st St|N Soto St'),
      hood('Koreatown', 34.061, -118.3, '90006', 'S Vermont Ave|W Olympic Blvd|S Western Ave'),
      hood('Vermont Square', 34.0, -118.291, '90037', 'S Vermont Ave|W Vernon Ave|S Normandie Ave'),
  ] },
  { city: 'Sacramento', county: 'Sacramento County', areaCode: '916', latitude: 38.5816, longitude: -121.4944,
    transit: ['SacRT bus', 'SacRT light rail'], languages: ['ru', 'pa', 'vi', 'zh'], neighborhoods: [
      hood('Downtown', 38.578, -121.49, '95814', 'J St|K St|12th St|L St'),
      hood('Midtown', 38.572, -121.478, '95816', '21st St|Capitol Ave|P St'),
      hood('Oak Park', 38.543, -121.465, '95817', 'Broadway|35th St|Martin Luther King Jr Blvd'),
      hood('Del Paso Heights', 38.613, -121.445, '95815', 'Del Paso Blvd|Arden Way|Marysville Blvd'),
      hood('River District', 38.593, -121.49, '95811', 'Richards Blvd|N 12th St|C St'),
  ] },
  { city: 'Fresno', county: 'Fresno County', areaCode: '559', latitude: 36.7378, longitude: -119.7871,
    transit: ['FAX bus', 'Q Line rapid bus'], languages: ['pa', 'hy', 'ar'], neighborhoods: [
      hood('Downtown', 36.735, -119.79, '93721', 'Fulton St|Van Ness Ave|Tulare St|Fresno St'),
      hood('Tower District', 36.762, -119.795, '93728', 'N Wishon Ave|E Olive Ave|N Fulton St'),
      hood('Southeast Fresno', 36.73, -119.745, '93702', 'E Kings Canyon Rd|S Cedar Ave|E Belmont Ave'),
      hood('Southwest Fresno', 36.715, -119.805, '93706', 'W California Ave|S Elm Ave|E Church Ave'),
      hood('Blackstone', 36.78, -119.79, '93705', 'N Blackstone Ave|W Shields Ave|W McKinley Ave'),
  ] },
  { city: 'San Diego', county: 'San Diego County', areaCode: '619', latitude: 32.7157, longitude: -117.1611,
    transit: ['MTS bus', 'MTS Trolley'], languages: ['tl', 'vi', 'ar', 'fa', 'zh'], neighborhoods: [
      hood('East Village', 32.712, -117.153, '92101', 'Imperial Ave|16th St|Market St|17th St'),
      hood('City Heights', 32.748, -117.1, '92105', 'University Ave|El Cajon Blvd|Fairmount Ave'),
      hood('North Park', 32.748, -117.13, '92104', 'University Ave|30th St|El Cajon Blvd'),
      hood('Logan Heights', 32.701, -117.138, '92113', 'Imperial Ave|Logan Ave|National Ave'),
      hood('Hillcrest', 32.748, -117.164, '92103', 'University Ave|5th Ave|Washington St'),
  ] },
];

export const SAMPLE_CATEGORY_IDS: readonly string[] = [
  'housing', 'food', 'employment', 'clinics',
  'emergency-shelter', 'transitional-housing', 'recovery-residence', 'permanent-supportive-housing',
  'food-bank', 'food-pantry', 'meals', 'job-training', 'job-placement', 'reentry-employment',
  'primary-care', 'mental-health', 'substance-use-treatment', 'medication-for-addiction-treatment', 'dental',
  'peer-drop-in', 'benefits', 'legal-aid', 'transportation', 'clothing-hygiene', 'crisis',
];

export const SAMPLE_LANGUAGES: readonly string[] = ['en', 'es', 'zh', 'vi', 'tl', 'ko', 'ru', 'fa', 'hy', 'ar', 'pa'];

type HoursKind = 'always' | 'overnight' | 'office' | 'clinic' | 'pantry' | 'foodbank' | 'meals' | 'dropin';

interface ServiceTemplate {
  cats: string[]; names: string[]; alt?: string; desc: string; hours: HoursKind;
  pops: Population[]; morePops?: Population[]; ins?: Insurance[];
  age?: [number | null, number | null]; elig: string | null; fees?: string; app: string;
  docs?: string[]; referrals: boolean; cap?: [unit: string, maximums: number[]]; path: string;
}

const HOMELESS = 'PEOPLE_EXPERIENCING_HOMELESSNESS';
const JAIL = 'PEOPLE_LEAVING_JAIL';
const PRISON = 'PEOPLE_LEAVING_PRISON';
const HOSPITAL = 'PEOPLE_LEAVING_HOSPITAL';
const RECOVERY = 'PEOPLE_IN_RECOVERY';
const CLINIC_INS: Insurance[] = ['MEDI_CAL', 'MEDICARE', 'UNINSURED', 'SLIDING_SCALE'];
const ID = 'Photo ID';
const INCOME = 'Proof of income';
const RELEASE = 'Release paperwork (CDCR 161 or jail release form)';
const WALK_IN = 'Walk in during open hours; no appointment or referral needed.';

const SERVICES = {
  shelter: {
    cats: ['emergency-shelter'], names: ['Night Shelter', 'Overnight Shelter', 'Evening Intake Shelter'], alt: 'Night shelter', hours: 'overnight',
    desc: 'Low-barrier overnight beds with evening intake, dinner, breakfast, showers and secure storage. Partners, pets and possessions welcome where space allows.',
    pops: [HOMELESS], morePops: ['MEN', 'WOMEN', JAIL, HOSPITAL, 'VETERANS', 'LGBTQ', 'SURVIVORS_OF_VIOLENCE'], age: [18, null],
    elig: 'Adults 18+ experiencing homelessness. No sobriety requirement; service animals and pets welcome.',
    app: 'Come to evening intake, or have a case manager or hospital discharge planner call the bed line to hold a bed until 9 pm.',
    referrals: true, cap: ['beds', [30, 40, 50, 60, 75, 90, 120]], path: 'shelter' },
  youthShelter: {
    cats: ['emergency-shelter'], names: ['Youth Night Shelter', 'TAY Overnight Shelter'], hours: 'overnight',
    desc: 'Overnight beds for young people, with dinner, showers, case management and help with school and work. LGBTQ+ affirming.',
    pops: ['TRANSITION_AGE_YOUTH', 'YOUTH', HOMELESS], morePops: ['LGBTQ', 'PREGNANT_PEOPLE'], age: [16, 24],
    elig: 'Young people 16–24 experiencing homelessness. Minors 16–17 need a guardian or county consent within 72 hours.',
    app: 'Walk in at evening intake or call the youth line; referrals from schools, probation and hospitals welcome.',
    referrals: true, cap: ['beds', [12, 16, 20, 24]], path: 'youth-shelter' },
  shelterMeals: {
    cats: ['meals'], names: ['Dinner and Breakfast', 'Community Meals'], hours: 'meals',
    desc: 'Hot dinner and breakfast served daily, open to shelter guests and neighbors. Vegetarian option at every meal.',
    pops: [HOMELESS], elig: 'Anyone who is hungry.', app: WALK_IN, referrals: false, path: 'meals' },
  hygiene: {
    cats: ['clothing-hygiene'], names: ['Shower and Laundry Program', 'Hygiene Center', 'Clothing Closet'], hours: 'dropin',
    desc: 'Hot showers, laundry, hygiene kits, and free clothing including interview clothes and shoes.',
    pops: [HOMELESS], morePops: [JAIL, PRISON, HOSPITAL], elig: 'Anyone in need.', app: 'Sign up for a shower slot at the front desk.', referrals: false, path: 'hygiene' },
  pantry: {
    cats: ['food-pantry'], names: ['Neighborhood Pantry', 'Weekly Grocery Pantry', 'Community Food Pantry'], hours: 'pantry',
    desc: 'Groceries to take home once a week: fresh produce, protein, dairy and staples. Choice pantry; diapers when available.',
    pops: ['FAMILIES', 'SENIORS'], morePops: ['IMMIGRANTS', HOMELESS], elig: 'Open to anyone who needs food; no ID or proof of income required.',
    app: 'Come during pantry hours and check in with a volunteer; bring your own bags if you can.', referrals: false, path: 'pantry' },
  foodBank: {
    cats: ['food-bank'], names: ['Mobile Food Distribution', 'Community Grocery Distribution'], hours: 'foodbank',
    desc: 'Large weekday grocery distributions and mobile pantry stops, plus CalFresh application help on site.',
    pops: ['FAMILIES'], morePops: ['SENIORS', 'IMMIGRANTS'], elig: 'Households at or below 200% of the federal poverty level (self-declared).',
    app: 'Drive up or walk up during distribution hours; register once with your name and household size.', referrals: false, path: 'distribution' },
  meals: {
    cats: ['meals'], names: ['Hot Meal Program', 'Community Kitchen', 'Free Lunch Program'], hours: 'meals',
    desc: 'Free hot breakfast and lunch, served with dignity at tables. Take-out containers available.',
    pops: [HOMELESS], morePops: ['SENIORS', 'FAMILIES'], elig: 'Anyone who is hungry; no questions asked.', app: WALK_IN, referrals: false, path: 'meals' },
  seniorMeals: {
    cats: ['meals'], names: ['Senior Lunch Program', 'Senior Congregate Meals'], hours: 'meals',
    desc: 'Nutritious hot lunch for older adults with social activities; home-delivered meals for homebound seniors.',
    pops: ['SENIORS'], morePops: ['PEOPLE_WITH_DISABILITIES'], age: [60, null], elig: 'Adults 60 and older and their spouses.',
    fees: 'Free; suggested donation $3, never required.', app: 'Reserve a lunch a day ahead by phone, or walk in.', referrals: true, path: 'senior-meals' },
  calfresh: {
    cats: ['benefits'], names: ['CalFresh Enrollment Help', 'Benefits Enrollment Desk'], hours: 'office',
    desc: 'Help applying for CalFresh, Medi-Cal and WIC, and renewing benefits. Same-day application submission.',
    pops: ['FAMILIES'], morePops: ['SENIORS', 'IMMIGRANTS', JAIL], elig: 'California residents with low income.',
    app: 'Walk in or book an appointment; bring what you have and staff will help with the rest.', docs: [ID, INCOME], referrals: true, path: 'calfresh' },
  reentryJobs: {
    cats: ['reentry-employment', 'job-placement'], names: ['Second Chance Employment Program', 'Reentry Jobs Program', 'Transitional Work Crew'], hours: 'office',
    desc: 'Paid transitional work from day one, job coaching, and placement with fair-chance employers. Help with ID, driver license reinstatement and work clothes.',
    pops: [JAIL, PRISON], morePops: ['MEN', 'WOMEN', 'TRANSITION_AGE_YOUTH', RECOVERY], age: [18, null],
    elig: 'Adults released from jail or prison in the last 12 months; people on parole or probation welcome.',
    fees: 'Free; participants are paid for transitional work.', app: 'Attend a Monday morning orientation, or send a referral from parole, probation or a reentry case manager.',
    docs: [ID, RELEASE], referrals: true, cap: ['seats', [15, 20, 25, 30]], path: 'reentry' },
  jobTraining: {
    cats: ['job-training'], names: ['Construction Pre-Apprenticeship', 'Culinary Job Training', 'Warehouse and Forklift Certification', 'Solar Installer Training'], hours: 'office',
    desc: 'Hands-on training cohort with industry certificates, a weekly stipend, and job placement support after graduation.',
    pops: [JAIL, PRISON, HOMELESS], morePops: ['TRANSITION_AGE_YOUTH', 'VETERANS', 'WOMEN'], age: [18, null],
    elig: 'Adults 18+ with barriers to work, including a record; must be able to attend full-time for 10 weeks.',
    fees: 'Free; stipend paid weekly.', app: 'Attend an information session, then a short interview. New cohorts start every 8 weeks.',
    docs: [ID], referrals: true, cap: ['seats', [12, 16, 20, 24]], path: 'training' },
  jobPlacement: {
    cats: ['job-placement'], names: ['Job Search Coaching', 'Employment Navigation', 'Fair Chance Hiring Network'], hours: 'office',
    desc: 'One-on-one help with resumes, interviews and explaining a record, plus direct introductions to fair-chance employers.',
    pops: [JAIL, PRISON], morePops: [HOMELESS, RECOVERY, 'VETERANS'], age: [18, null], elig: 'Job seekers 18+, especially people with records.',
    app: 'Call or walk in to schedule an intake with an employment specialist.', docs: [ID], referrals: true, path: 'jobs' },
  recordClearance: {
    cats: ['legal-aid'], names: ['Record Clearance Clinic', 'Clean Slate Clinic'], hours: 'office',
    desc: 'Free help clearing convictions (expungement, Prop 47, Clean Slate), reducing fines and fees, and restoring driver licenses.',
    pops: [JAIL, PRISON], elig: 'Anyone with a California conviction record.', app: 'Book a consultation; bring any court papers you have.',
    docs: [ID], referrals: true, path: 'clean-slate' },
  transport: {
    cats: ['transportation'], names: ['Bus Pass Program', 'Rides to Appointments'], hours: 'office',
    desc: 'Monthly transit passes and scheduled rides to medical, court, parole and job appointments.',
    pops: [JAIL, PRISON, HOMELESS], morePops: ['PEOPLE_WITH_DISABILITIES'], elig: 'Program participants and referred clients.',
    app: 'Ask your case manager for a referral, or request at the front desk 48 hours ahead.', referrals: true, path: 'transportation' },
  primaryCare: {
    cats: ['primary-care'], names: ['Adult Primary Care', 'Family Medicine', 'Walk-in Primary Care'], hours: 'clinic',
    desc: 'Check-ups, chronic disease care, prescriptions, vaccines, lab work and wound care. Street medicine team visits encampments weekly.',
    pops: [], morePops: [HOMELESS, 'FAMILIES', 'IMMIGRANTS', 'SENIORS', HOSPITAL], ins: CLINIC_INS,
    elig: 'Everyone, regardless of insurance or immigration status.', fees: 'No cost with Medi-Cal; sliding-scale fees for uninsured patients.',
    app: 'Call to schedule a new-patient visit; same-day walk-in slots open each morning.', docs: [ID], referrals: true, path: 'primary-care' },
  mentalHealth: {
    cats: ['mental-health'], names: ['Outpatient Mental Health', 'Counseling and Psychiatry', 'Behavioral Health Clinic'], hours: 'clinic',
    desc: 'Individual and group therapy, psychiatric medication management, and case management for adults with mental health needs.',
    pops: [], morePops: ['SURVIVORS_OF_VIOLENCE', 'LGBTQ', HOSPITAL, 'VETERANS', JAIL], ins: CLINIC_INS, age: [18, null],
    elig: 'Adults 18+; specialty mental health services for Medi-Cal members.', fees: 'No cost with Medi-Cal; sliding scale for others.',
    app: 'Call for a screening appointment; hospital and jail discharge planners can schedule a warm handoff.', docs: [ID], referrals: true, path: 'mental-health' },
  dental: {
    cats: ['dental'], names: ['Community Dental Clinic', 'Dental Care'], hours: 'clinic',
    desc: 'Exams, cleanings, fillings, extractions, dentures and urgent dental care.',
    pops: [], morePops: ['FAMILIES', 'SENIORS', HOMELESS], ins: ['MEDI_CAL', 'UNINSURED', 'SLIDING_SCALE'],
    elig: 'All ages.', fees: 'Medi-Cal Dental accepted; sliding scale for uninsured patients.',
    app: 'Call for an appointment; urgent pain visits each weekday at 8 am.', docs: [ID], referrals: true, path: 'dental' },
  mat: {
    cats: ['substance-use-treatment', 'medication-for-addiction-treatment'], names: ['Bridge Clinic', 'Buprenorphine Clinic', 'Medication for Addiction Treatment'], alt: 'MAT clinic', hours: 'clinic',
    desc: 'Same-day buprenorphine starts, naltrexone and methadone referrals, naloxone kits and counseling. No requirement to stop using first.',
    pops: [RECOVERY], morePops: [JAIL, PRISON, HOSPITAL, HOMELESS, 'PREGNANT_PEOPLE'], ins: ['MEDI_CAL', 'MEDICARE', 'UNINSURED'], age: [18, null],
    elig: 'Adults with opioid or alcohol use disorder.', fees: 'Free with Medi-Cal; no one turned away for inability to pay.',
    app: 'Walk in weekday mornings for a same-day start, or have a jail or hospital team call for a warm handoff.', referrals: true, path: 'mat' },
  outpatientSud: {
    cats: ['substance-use-treatment'], names: ['Outpatient Recovery Program', 'Intensive Outpatient Treatment'], hours: 'office',
    desc: 'Group and individual counseling, relapse prevention and recovery coaching, with evening groups for working clients.',
    pops: [RECOVERY], morePops: [JAIL, PRISON, 'WOMEN', 'MEN'], ins: ['MEDI_CAL', 'UNINSURED'], age: [18, null],
    elig: 'Adults 18+ who want help with alcohol or drug use; court-referred clients accepted.', fees: 'Free with Medi-Cal.',
    app: 'Call for an assessment; referrals from courts, probation and hospitals accepted.', docs: [ID], referrals: true, cap: ['slots', [20, 30, 40]], path: 'outpatient' },
  recoveryResidence: {
    cats: ['recovery-residence'], names: ['Sober Living Homes', 'Recovery Residence'], hours: 'office',
    desc: 'Shared sober homes with house meetings, peer support and help finding work. MAT-friendly.',
    pops: [RECOVERY], morePops: ['MEN', 'WOMEN', JAIL, PRISON], age: [18, null], elig: 'Adults 18+ in recovery, including people on MAT.',
    fees: 'Program fee $450–650 per month; first month covered for people leaving custody or treatment.',
    app: 'Phone screening, then an in-person interview; referrals from treatment programs, parole and probation accepted.',
    docs: [ID, INCOME], referrals: true, cap: ['beds', [8, 12, 18, 24, 36]], path: 'sober-living' },
  crisisLine: {
    cats: ['crisis'], names: ['24/7 Crisis Line', 'Crisis and Warm Line'], hours: 'always',
    desc: 'Free, confidential support by phone and text, day or night, from trained counselors; can dispatch a mobile crisis team. You can also call or text 988.',
    pops: [], elig: 'Anyone, any age.', app: 'Call or text any time.', referrals: false, path: 'crisis-line' },
  sobering: {
    cats: ['crisis', 'substance-use-treatment'], names: ['Sobering Center', '24-Hour Crisis Stabilization Center'], hours: 'always',
    desc: 'A safe place to sober up or stabilize for up to 23 hours, with nurses, peer counselors, showers and linkage to treatment and shelter.',
    pops: [HOMELESS, RECOVERY], ins: ['MEDI_CAL', 'UNINSURED'], age: [18, null], elig: 'Adults 18+ who are intoxicated or in crisis and medically stable.',
    app: 'Walk in any time, or drop-off by police, EMS, outreach or hospital teams.', referrals: true, cap: ['beds', [10, 14, 20]], path: 'sobering' },
  mobileCrisis: {
    cats: ['crisis', 'mental-health'], names: ['Mobile Crisis Team'], hours: 'always',
    desc: 'Clinicians and peer counselors who come to you for mental health or substance use crises, as an alternative to police.',
    pops: [], morePops: [HOMELESS, 'YOUTH'], elig: 'Anyone in the city experiencing a behavioral health crisis.', app: 'Call the crisis line and ask for the mobile team.', referrals: true, path: 'mobile-crisis' },
  peerDropIn: {
    cats: ['peer-drop-in'], names: ['Peer Drop-in Center', 'Wellness Drop-in', 'Community Living Room'], hours: 'dropin',
    desc: 'Run by people with lived experience of mental health challenges, homelessness, incarceration and recovery. Coffee, phones, computers, mail service, support groups and one-on-one peer support.',
    pops: [HOMELESS, RECOVERY], morePops: ['LGBTQ', 'VETERANS', JAIL, PRISON, HOSPITAL], age: [18, null], elig: 'Adults 18+; come as you are.',
    app: WALK_IN, referrals: false, path: 'drop-in' },
  peerSupport: {
    cats: ['mental-health', 'peer-drop-in'], names: ['Peer Support Groups', 'WRAP and Recovery Groups'], hours: 'dropin',
    desc: 'Peer-led support groups, Wellness Recovery Action Plan classes, and peer mentors who can go with you to appointments.',
    pops: [RECOVERY], morePops: [HOSPITAL, JAIL, 'LGBTQ', 'WOMEN'], age: [18, null], elig: 'Adults 18+.', app: 'Drop in to any group; no sign-up needed.', referrals: true, path: 'groups' },
  legalAid: {
    cats: ['legal-aid'], names: ['Tenant Rights Clinic', 'General Legal Help', 'Immigration Legal Services'], hours: 'office',
    desc: 'Free advice and representation on evictions, public benefits denials, immigration, and family law.',
    pops: [], morePops: ['IMMIGRANTS', 'SURVIVORS_OF_VIOLENCE', 'SENIORS', 'PEOPLE_WITH_DISABILITIES'], elig: 'Low-income residents of the county.',
    app: 'Call the intake line or come to a walk-in clinic; bring any notices or court papers.', docs: [ID, INCOME], referrals: true, path: 'legal' },
  benefits: {
    cats: ['benefits'], names: ['SSI/SSDI Advocacy', 'Benefits Advocacy', 'Medi-Cal and CalFresh Enrollment'], hours: 'office',
    desc: 'Help applying for and appealing SSI, SSDI, Medi-Cal, CalFresh and General Assistance, including pre-release applications.',
    pops: ['PEOPLE_WITH_DISABILITIES', HOMELESS], morePops: ['SENIORS', HOSPITAL, JAIL, PRISON], elig: 'Adults with low income, including people still in custody or in the hospital.',
    app: 'Call for an appointment or ask your case manager to send a referral.', docs: [ID, INCOME], referrals: true, path: 'benefits' },
  transitional: {
    cats: ['transitional-housing'], names: ['Transitional Housing Program', 'Bridge Housing'], hours: 'office',
    desc: 'Private or shared rooms for up to 24 months with case management, life skills and help moving into permanent housing.',
    pops: [HOMELESS], morePops: [JAIL, PRISON, 'FAMILIES', 'VETERANS', 'TRANSITION_AGE_YOUTH', 'WOMEN'], age: [18, null],
    elig: 'Adults experiencing homelessness who are working toward permanent housing.', fees: 'Free; residents with income contribute 30% toward program fees.',
    app: 'Referral through Coordinated Entry or a partner case manager.', docs: [ID, INCOME], referrals: true, cap: ['beds', [20, 30, 40, 60]], path: 'transitional' },
  psh: {
    cats: ['permanent-supportive-housing'], names: ['Supportive Housing Apartments', 'Permanent Supportive Housing'], hours: 'office',
    desc: 'Studio apartments with on-site case management, nursing visits and peer support, with no time limit.',
    pops: [HOMELESS, 'PEOPLE_WITH_DISABILITIES'], morePops: ['SENIORS', 'VETERANS'], age: [18, null],
    elig: 'Chronically homeless adults with a disabling condition, matched through Coordinated Entry.', fees: 'Rent is 30% of income.',
    app: 'Referral through Coordinated Entry only; ask a case manager about your housing assessment.', docs: [ID, INCOME], referrals: true, cap: ['units', [40, 60, 80, 120]], path: 'housing' },
  youthJobs: {
    cats: ['job-training', 'job-placement'], names: ['Youth Employment Program', 'Paid Internship Program'], hours: 'office',
    desc: 'Paid internships, GED support and job coaching for young adults.',
    pops: ['TRANSITION_AGE_YOUTH', 'YOUTH'], morePops: [JAIL, 'LGBTQ', HOMELESS], age: [16, 24], elig: 'Young people 16–24 who are out of school or out of work.',
    fees: 'Free; interns are paid.', app: 'Apply online or walk in for an intake.', docs: [ID], referrals: true, cap: ['seats', [20, 30]], path: 'youth-jobs' },
  youthMentalHealth: {
    cats: ['mental-health'], names: ['Youth Counseling', 'Young Adult Wellness Clinic'], hours: 'clinic',
    desc: 'Counseling, psychiatry and peer support for young people, including same-week appointments.',
    pops: ['TRANSITION_AGE_YOUTH', 'YOUTH'], morePops: ['LGBTQ', 'SURVIVORS_OF_VIOLENCE'], ins: ['MEDI_CAL', 'UNINSURED', 'PRIVATE'], age: [12, 25],
    elig: 'Young people 12–25.', app: 'Call or text to schedule; walk-ins welcome on weekday afternoons.', referrals: true, path: 'youth-wellness' },
} satisfies Record<string, ServiceTemplate>;

type ServiceKey = keyof typeof SERVICES;

interface Archetype {
  count: number; suffixes: string[]; site: string[]; locations: [number, number];
  core: ServiceKey[]; extra: [ServiceKey, number][]; descs: string[];
}

const ARCHETYPES: Archetype[] = [
  { count: 4, suffixes: ['Shelter Network', 'Housing Alliance', 'Community Shelters'], site: ['House', 'Shelter', 'Navigation Center'], locations: [1, 3],
    core: ['shelter', 'shelterMeals'], extra: [['hygiene', 0.6], ['benefits', 0.3]],
    descs: ['Low-barrier shelter, meals and housing navigation for adults experiencing homelessness in {city} since {year}.', 'Emergency shelter and a path home for unhoused neighbors across {city}.'] },
  { count: 3, suffixes: ['Food Collective', 'Community Pantry Network', 'Hunger Relief'], site: ['Pantry', 'Community Kitchen', 'Food Hub'], locations: [1, 3],
    core: ['pantry', 'meals'], extra: [['foodBank', 0.5], ['seniorMeals', 0.4], ['calfresh', 0.4]],
    descs: ['Neighborhood pantries and community meals serving {city} families since {year}.', 'Fighting hunger in {city} with groceries, hot meals and CalFresh help.'] },
  { count: 3, suffixes: ['Reentry Works', 'Second Chance Partners', 'Workforce Collaborative'], site: ['Career Center', 'Training Center', 'Office'], locations: [1, 2],
    core: ['reentryJobs', 'jobTraining'], extra: [['jobPlacement', 0.6], ['recordClearance', 0.4], ['transport', 0.3]],
    descs: ['Jobs, training and support for people coming home from jail and prison in {city}. Founded in {year} by formerly incarcerated leaders.', 'A fair-chance workforce program helping {city} residents with records build careers.'] },
  { count: 4, suffixes: ['Community Health Center', 'Family Health Clinic', 'Neighborhood Health'], site: ['Clinic', 'Health Center', 'Medical Office'], locations: [1, 3],
    core: ['primaryCare', 'mentalHealth'], extra: [['dental', 0.6], ['mat', 0.5], ['benefits', 0.4]],
    descs: ['A nonprofit community health center serving {city} since {year}, regardless of insurance or immigration status.', 'Primary care, behavioral health and dental care for {city} neighborhoods.'] },
  { count: 2, suffixes: ['Recovery Collaborative', 'Recovery Services'], site: ['Recovery Center', 'Clinic', 'House'], locations: [1, 2],
    core: ['mat', 'recoveryResidence'], extra: [['outpatientSud', 0.6], ['peerSupport', 0.4]],
    descs: ['Treatment and recovery housing for people with substance use disorders in {city}, meeting people where they are.'] },
  { count: 2, suffixes: ['Crisis Support Services', 'Crisis Response Network'], site: ['Crisis Center', 'Call Center'], locations: [1, 2],
    core: ['crisisLine', 'sobering'], extra: [['mobileCrisis', 0.5]],
    descs: ['24-hour crisis support, sobering and stabilization for {city}, staffed by clinicians and peer counselors.'] },
  { count: 3, suffixes: ['Peer Wellness Center', 'Peer Collective', 'Peer Support Alliance'], site: ['Drop-in Center', 'Wellness Center', 'Clubhouse'], locations: [1, 2],
    core: ['peerDropIn'], extra: [['hygiene', 0.6], ['peerSupport', 0.5], ['benefits', 0.4], ['transport', 0.3]],
    descs: ['A peer-run organization in {city}, led by people with lived experience of mental illness, addiction, homelessness and incarceration.'] },
  { count: 2, suffixes: ['Legal Advocates', 'Justice Project', 'Legal Aid Center'], site: ['Office', 'Law Center'], locations: [1, 2],
    core: ['legalAid'], extra: [['benefits', 0.7], ['recordClearance', 0.6]],
    descs: ['Free civil legal services for low-income {city} residents since {year}.'] },
  { count: 2, suffixes: ['Homes Partnership', 'Supportive Housing'], site: ['Apartments', 'Residences', 'Commons'], locations: [1, 3],
    core: ['transitional', 'psh'], extra: [['benefits', 0.5]],
    descs: ['Developing and operating supportive housing in {city}, with services on site.'] },
  { count: 1, suffixes: ['Youth Network', 'Youth Services'], site: ['Youth Center', 'Drop-in'], locations: [1, 2],
    core: ['youthShelter', 'youthJobs'], extra: [['youthMentalHealth', 0.6], ['hygiene', 0.3]],
    descs: ['Shelter, jobs and wellness for young people 16–24 in {city}.'] },
];

const NAME_A = ['Cedar', 'Juniper', 'Willow', 'Granite', 'Lantern', 'Meadowlark', 'Bluebird', 'Copper', 'Sagebrush', 'Poppy', 'Manzanita', 'Tule', 'Heron', 'Sycamore', 'Quail', 'Buckeye', 'Marigold', 'Kestrel', 'Alder', 'Sunrise', 'Fennel', 'Laurel'];
const NAME_B = ['Bridge', 'Path', 'Hearth', 'Commons', 'Gate', 'Ridge', 'Grove', 'Circle', 'Crossing', 'Well', 'Table', 'Landing', 'Trail', 'Porch'];
const ACCESSIBILITY = ['Wheelchair accessible entrance and restrooms.', 'Step-free entrance; accessible restroom; ASL interpreting by appointment.', 'Elevator to the second floor; accessible restrooms.', 'Ground floor; ramp at side entrance.', null];
const ADDRESS2 = ['Suite 100', 'Suite 200', '2nd Floor', 'Rear entrance', null, null, null, null];
const LOCATION_NOTES = ['Enter through the side door and check in at the front desk.', 'Secure bike parking and cart storage on site.', 'Look for the blue awning.', null, null];
const DAYS: Weekday[] = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
const WEEKDAYS = DAYS.slice(0, 5);
const THANKSGIVING = '2026-11-26';
const CHRISTMAS = '2026-12-25';

// ---------------------------------------------------------------------------------------------
// Generation
// ---------------------------------------------------------------------------------------------

function hoursFor(kind: HoursKind, d: Dice): SampleHours[] {
  const span = (days: readonly Weekday[], opensAt: string, closesAt: string): SampleHours[] => days.map((day) => ({ day, opensAt, closesAt }));
  switch (kind) {
    case 'always':
      return span(DAYS, '00:00', '24:00');
    case 'overnight':
      return span(DAYS, d.pick(['18:00', '19:00', '19:00', '20:00']), d.pick(['07:00', '07:00', '08:00']));
    case 'office':
      return span(WEEKDAYS, d.pick(['08:00', '08:30', '09:00']), d.pick(['16:30', '17:00', '17:00', '18:00']));
    case 'clinic': {
      const weekly = span(WEEKDAYS, d.pick(['07:30', '08:00', '08:30']), d.pick(['17:00', '17:30']));
      if (d.chance(0.4)) weekly[3].closesAt = '19:00'; // late Thursday
      return d.chance(0.4) ? [...weekly, ...span(['SATURDAY'], '09:00', '13:00')] : weekly;
    }
    case 'pantry': {
      const days = d.sample(DAYS.slice(0, 6), d.int(2, 3)).sort((a, b) => DAYS.indexOf(a) - DAYS.indexOf(b));
      const [opensAt, closesAt] = d.pick([['09:00', '12:00'], ['10:00', '13:00'], ['13:00', '16:00'], ['16:00', '18:30']]);
      return span(days, opensAt, closesAt);
    }
    case 'foodbank':
      return span(WEEKDAYS, d.pick(['07:30', '08:00']), d.pick(['15:00', '15:30', '16:00']));
    case 'meals': {
      const days = d.chance(0.6) ? DAYS : WEEKDAYS;
      return days.flatMap((day) => [
        { day, opensAt: '07:00', closesAt: '08:30' },
        { day, opensAt: d.pick(['11:30', '12:00']), closesAt: '13:30' },
      ]).sort((a, b) => DAYS.indexOf(a.day) - DAYS.indexOf(b.day));
    }
    case 'dropin': {
      const weekly = span(WEEKDAYS, d.pick(['09:00', '10:00']), d.pick(['15:00', '16:00', '17:00']));
      return d.chance(0.5) ? [...weekly, ...span(['SATURDAY'], '10:00', '14:00')] : weekly;
    }
  }
}

function phone(city: SampleCity, d: Dice): string {
  return `(${city.areaCode}) 555-01${String(d.int(0, 99)).padStart(2, '0')}`;
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

function jitter(n: SampleNeighborhood, d: Dice): { latitude: number; longitude: number } {
  const km = 1.2 * Math.sqrt(d.float());
  const theta = 2 * Math.PI * d.float();
  return {
    latitude: round6(n.latitude + (km * Math.cos(theta)) / 111.0),
    longitude: round6(n.longitude + (km * Math.sin(theta)) / (111.0 * Math.cos((n.latitude * Math.PI) / 180))),
  };
}

function languages(city: SampleCity, d: Dice): string[] {
  const out = d.chance(0.97) ? ['en'] : [];
  if (out.length === 0 || d.chance(0.45)) out.push('es');
  for (const lang of city.languages) if (d.chance(0.12)) out.push(lang);
  return out;
}

const VERIFIED_FROM = Date.UTC(2024, 10, 1);
const VERIFIED_TO = Date.UTC(2026, 10, 1);

interface Draft { resource: SampleResource; template: ServiceTemplate }

function buildOrganization(arch: Archetype, city: SampleCity, d: Dice, usedNames: Set<string>): { org: SampleOrganization; drafts: Draft[]; kinds: Map<string, HoursKind[]> } {
  let a = d.pick(NAME_A);
  let b = d.pick(NAME_B);
  while (usedNames.has(`${a} ${b}`)) [a, b] = [d.pick(NAME_A), d.pick(NAME_B)];
  const short = `${a} ${b}`;
  usedNames.add(short);
  const name = `${short} ${d.pick(arch.suffixes)}`;
  const host = `${a}${b}`.toLowerCase() + '.example.org';
  const orgPhone = phone(city, d);

  const nLocations = d.int(arch.locations[0], arch.locations[1]);
  const hoods = d.sample(city.neighborhoods, nLocations);
  const siteLabel = d.pick(arch.site);
  const locations: SampleLocation[] = hoods.map((n, i) => {
    const street = d.pick(n.streets);
    const line = d.pick(city.transit);
    return {
      id: d.uuid(),
      name: nLocations === 1 ? `${short} ${siteLabel}` : `${short} ${siteLabel} – ${n.name}`,
      description: i === 0 ? `Main site in ${n.name}. ${d.pick(LOCATION_NOTES) ?? ''}`.trim() : d.pick(LOCATION_NOTES),
      address: {
        address1: `${d.int(1, 39) * 100 + d.int(0, 98)} ${street}`, address2: d.pick(ADDRESS2), city: city.city, region: city.county,
        stateProvince: 'CA', postalCode: n.postalCode, country: 'US',
      },
      ...jitter(n, d),
      timeZone: 'America/Los_Angeles',
      accessibility: d.pick(ACCESSIBILITY),
      transitNotes: d.chance(0.8) ? `${line} stops within ${d.pick(['one block', 'two blocks', 'a 5-minute walk'])}.` : null,
      schedule: { weekly: [], closures: [] },
    };
  });

  const keys: ServiceKey[] = [...arch.core, ...arch.extra.filter(([, p]) => d.chance(p)).map(([k]) => k)];
  const kinds = new Map<string, HoursKind[]>(locations.map((l) => [l.id, []]));
  const drafts: Draft[] = keys.map((key, i) => {
    const t: ServiceTemplate = SERVICES[key];
    const at = i === 0 || d.chance(0.5) ? locations : d.sample(locations, d.int(1, locations.length));
    for (const l of at) kinds.get(l.id)!.push(t.hours);
    const extraPops = t.morePops ? d.sample(t.morePops, d.int(0, Math.min(2, t.morePops.length))) : [];
    const cap = t.cap ? d.pick(t.cap[1]) : null;
    const minute = Math.floor((d.float() * (VERIFIED_TO - VERIFIED_FROM)) / 60000);
    const resource: SampleResource = {
      id: d.uuid(),
      name: `${short} ${d.pick(t.names)}`,
      alternateName: t.alt && d.chance(0.5) ? t.alt : null,
      description: t.desc,
      url: d.chance(0.7) ? `https://${host}/${t.path}` : null,
      email: d.chance(0.5) ? `${t.path.split('-')[0]}@${host}` : null,
      phone: d.chance(0.6) ? phone(city, d) : orgPhone,
      status: 'ACTIVE',
      categories: [...t.cats],
      populations: [...t.pops, ...extraPops.filter((p) => !t.pops.includes(p))],
      insurance: t.ins ? [...t.ins, ...(t.ins === CLINIC_INS && d.chance(0.3) ? (['PRIVATE'] as Insurance[]) : [])] : [],
      languages: languages(city, d),
      minimumAge: t.age?.[0] ?? null,
      maximumAge: t.age?.[1] ?? null,
      eligibilityDescription: t.elig,
      feesDescription: t.fees ?? 'Free',
      applicationProcess: t.app,
      requiredDocuments: [...(t.docs ?? [])],
      acceptsReferrals: t.referrals,
      capacity: t.cap && cap !== null ? { unit: t.cap[0], available: d.chance(0.25) ? 0 : d.int(1, cap), maximum: cap } : null,
      lastVerifiedAt: new Date(VERIFIED_FROM + minute * 60000).toISOString(),
      locationIds: at.map((l) => l.id),
    };
    return { resource, template: t };
  });

  for (const l of locations) {
    const here = kinds.get(l.id)!;
    const kind = here.includes('always') ? 'always' : here.includes('overnight') ? 'overnight' : here[0];
    l.schedule.weekly = hoursFor(kind, d);
  }

  const alternateName = d.chance(0.35) ? name.split(' ').map((w) => w[0]).join('').toUpperCase() : null;
  const org: SampleOrganization = {
    id: d.uuid(), name, alternateName,
    description: d.pick(arch.descs).replace('{city}', city.city).replace('{year}', String(d.int(1972, 2018))),
    email: `info@${host}`, website: `https://${host}`, phone: orgPhone,
    locations, resources: drafts.map((x) => x.resource),
  };
  return { org, drafts, kinds };
}

/** Organizations until there are `resources` listings, over the whole state, weighted by city size and archetype. */
function buildAtScale(resources: number, d: Dice) {
  const cities = [...SAMPLE_CITIES, ...MORE_CITIES];
  const namesByCity = new Map(cities.map((c) => [c.city, new Set<string>()]));
  const built: ReturnType<typeof buildOrganization>[] = [];
  let total = 0;
  while (total < resources) {
    const city = d.weighted(cities.map((c) => [c, CITY_WEIGHTS[c.city] ?? 1] as const));
    const names = namesByCity.get(city.city)!;
    if (names.size >= 200) names.clear(); // big cities repeat names, as real directories do (branches)
    const b = buildOrganization(d.weighted(ARCHETYPES.map((a) => [a, a.count] as const)), city, d, names);
    built.push(b);
    total += b.org.resources.length;
  }
  const last = built[built.length - 1];
  if (!last) return built;
  const keep = last.org.resources.length - (total - resources);
  last.org.resources = last.org.resources.slice(0, keep);
  last.drafts.splice(keep);
  return built;
}

/**
 * A realistic, deterministic sample directory: about 26 organizations and 75 resources in six
 * California cities, or exactly `resources` listings spread over the state when given.
 */
export function sampleDirectory(options?: { seed?: number; resources?: number }): SampleOrganization[] {
  const d = new Dice(options?.seed ?? 1);
  let built: ReturnType<typeof buildOrganization>[];
  if (options?.resources !== undefined) {
    built = buildAtScale(options.resources, d);
  } else {
    const plan = d.shuffle(ARCHETYPES.flatMap((arch) => Array.from({ length: arch.count }, () => arch)));
    const cities = d.shuffle(SAMPLE_CITIES);
    const usedNames = new Set<string>();
    built = plan.map((arch, i) => buildOrganization(arch, cities[i % cities.length], d, usedNames));
  }

  // Holiday closures on daytime locations; overnight and 24/7 sites stay open.
  let specialHours = false;
  for (const { org, kinds } of built) {
    for (const l of org.locations) {
      const here = kinds.get(l.id)!;
      if (here.includes('always') || here.includes('overnight')) continue;
      if (!specialHours && here.includes('meals')) {
        l.schedule.closures = [
          { date: THANKSGIVING, opensAt: '11:00', closesAt: '15:00', note: 'Thanksgiving community meal' },
          { date: CHRISTMAS, opensAt: '10:00', closesAt: '14:00', note: 'Holiday meal, 10:00–14:00' },
        ];
        specialHours = true;
      } else if (d.chance(0.45)) {
        l.schedule.closures = [
          { date: THANKSGIVING, note: 'Closed for Thanksgiving' },
          { date: CHRISTMAS, note: 'Closed for Christmas Day' },
        ];
      }
    }
  }
  if (!specialHours) {
    const first = built.flatMap((x) => x.org.locations).find((l) => l.schedule.closures.length > 0);
    if (first) first.schedule.closures[1] = { date: CHRISTMAS, opensAt: '10:00', closesAt: '14:00', note: 'Special holiday hours' };
  }

  // About 5% temporarily closed and 2% inactive; crisis services always stay on.
  const drafts = built.flatMap((x) => x.drafts);
  const candidates = d.shuffle(drafts.filter((x) => !x.resource.categories.includes('crisis')));
  const nClosed = Math.max(1, Math.round(drafts.length * 0.05));
  const nInactive = Math.max(1, Math.round(drafts.length * 0.02));
  candidates.slice(0, nClosed).forEach(({ resource }) => {
    resource.status = 'TEMPORARILY_CLOSED';
    resource.description += ' Temporarily closed for renovation; call before visiting.';
    if (resource.capacity) resource.capacity.available = 0;
  });
  candidates.slice(nClosed, nClosed + nInactive).forEach(({ resource }) => { resource.status = 'INACTIVE'; });

  // Some shelters are full tonight.
  const beds = drafts.filter((x) => x.resource.categories.includes('emergency-shelter') && x.resource.status === 'ACTIVE');
  if (beds.length > 0 && !beds.some((x) => x.resource.capacity?.available === 0)) beds[0].resource.capacity!.available = 0;

  return built.map((x) => x.org);
}
