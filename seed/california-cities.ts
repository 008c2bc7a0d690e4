import type { SampleCity, SampleNeighborhood } from './sample-directory';

/**
 * More California cities for directories larger than the sample, so a big seed spreads over the
 * state (north coast to the border). Streets, ZIP codes and coordinates are real; places are not.
 */
const hood = (name: string, latitude: number, longitude: number, postalCode: string, streets: string): SampleNeighborhood =>
  ({ name, latitude, longitude, postalCode, streets: streets.split('|') });

export const MORE_CITIES: readonly SampleCity[] = [
  { city: 'San Jose', county: 'Santa Clara County', areaCode: '408', latitude: 37.3382, longitude: -121.8863,
    transit: ['VTA bus', 'VTA light rail'], languages: ['vi', 'zh', 'tl', 'ko'], neighborhoods: [
      hood('Downtown', 37.335, -121.889, '95113', 'S 1st St|E Santa Clara St|S 2nd St|W San Carlos St'),
      hood('East San Jose', 37.35, -121.845, '95116', 'Story Rd|King Rd|Alum Rock Ave|McKee Rd'),
      hood('Japantown', 37.349, -121.895, '95112', 'N 5th St|Jackson St|Taylor St'),
  ] },
  { city: 'Long Beach', county: 'Los Angeles County', areaCode: '562', latitude: 33.7701, longitude: -118.1937,
    transit: ['Long Beach Transit', 'Metro A Line'], languages: ['km', 'tl', 'ko'], neighborhoods: [
      hood('Downtown', 33.768, -118.192, '90802', 'Pine Ave|E Broadway|Long Beach Blvd|E 4th St'),
      hood('Central Long Beach', 33.785, -118.18, '90813', 'Anaheim St|E 10th St|Long Beach Blvd|Cherry Ave'),
      hood('North Long Beach', 33.87, -118.188, '90805', 'Atlantic Ave|E Artesia Blvd|Long Beach Blvd'),
  ] },
  { city: 'Bakersfield', county: 'Kern County', areaCode: '661', latitude: 35.3733, longitude: -119.0187,
    transit: ['GET bus'], languages: ['pa', 'ar'], neighborhoods: [
      hood('Downtown', 35.374, -119.019, '93301', 'Chester Ave|Truxtun Ave|19th St|H St'),
      hood('East Bakersfield', 35.383, -118.99, '93305', 'Niles St|Baker St|E California Ave|Union Ave'),
  ] },
  { city: 'Stockton', county: 'San Joaquin County', areaCode: '209', latitude: 37.9577, longitude: -121.2908,
    transit: ['RTD bus'], languages: ['tl', 'pa', 'vi', 'km'], neighborhoods: [
      hood('Downtown', 37.955, -121.29, '95202', 'N El Dorado St|E Weber Ave|E Main St|N Center St'),
      hood('South Stockton', 37.93, -121.28, '95206', 'S Airport Way|E 8th St|S El Dorado St'),
  ] },
  { city: 'Riverside', county: 'Riverside County', areaCode: '951', latitude: 33.9806, longitude: -117.3755,
    transit: ['RTA bus', 'Metrolink'], languages: ['ko', 'zh', 'tl'], neighborhoods: [
      hood('Downtown', 33.981, -117.374, '92501', 'Main St|Market St|University Ave|Mission Inn Ave'),
      hood('Eastside', 33.97, -117.355, '92507', 'University Ave|Park Ave|Chicago Ave'),
  ] },
  { city: 'San Bernardino', county: 'San Bernardino County', areaCode: '909', latitude: 34.1083, longitude: -117.2898,
    transit: ['Omnitrans bus', 'sbX rapid bus'], languages: ['ar', 'tl'], neighborhoods: [
      hood('Downtown', 34.106, -117.29, '92401', 'E St|W 5th St|N Arrowhead Ave'),
      hood('Westside', 34.11, -117.31, '92410', 'W Base Line St|N Mount Vernon Ave|W 9th St'),
  ] },
  { city: 'Santa Ana', county: 'Orange County', areaCode: '714', latitude: 33.7455, longitude: -117.8677,
    transit: ['OCTA bus', 'OC Streetcar'], languages: ['vi', 'ko', 'zh'], neighborhoods: [
      hood('Downtown', 33.748, -117.867, '92701', 'N Main St|E 4th St|N Broadway|E 1st St'),
      hood('West Santa Ana', 33.743, -117.905, '92703', 'W 1st St|N Harbor Blvd|W McFadden Ave'),
  ] },
  { city: 'Modesto', county: 'Stanislaus County', areaCode: '209', latitude: 37.6391, longitude: -120.9969,
    transit: ['MAX bus'], languages: ['pa', 'ar', 'fa'], neighborhoods: [
      hood('Downtown', 37.64, -120.996, '95354', 'J St|10th St|I St|K St'),
      hood('Airport District', 37.628, -120.965, '95351', 'Yosemite Blvd|S Santa Cruz Ave|Crows Landing Rd'),
  ] },
  { city: 'Salinas', county: 'Monterey County', areaCode: '831', latitude: 36.6777, longitude: -121.6555,
    transit: ['MST bus'], languages: ['tl'], neighborhoods: [
      hood('Oldtown', 36.677, -121.656, '93901', 'Main St|W Alisal St|Market St'),
      hood('East Salinas', 36.675, -121.625, '93905', 'E Alisal St|N Sanborn Rd|Williams Rd'),
  ] },
  { city: 'Santa Rosa', county: 'Sonoma County', areaCode: '707', latitude: 38.4404, longitude: -122.7141,
    transit: ['CityBus', 'SMART train'], languages: ['tl', 'zh'], neighborhoods: [
      hood('Downtown', 38.44, -122.714, '95404', 'Mendocino Ave|4th St|B St|Sonoma Ave'),
      hood('Roseland', 38.42, -122.74, '95407', 'Sebastopol Rd|Stony Point Rd|Dutton Ave'),
  ] },
  { city: 'Eureka', county: 'Humboldt County', areaCode: '707', latitude: 40.8021, longitude: -124.1637,
    transit: ['Eureka Transit Service'], languages: [], neighborhoods: [
      hood('Old Town', 40.804, -124.165, '95501', '2nd St|3rd St|F St|4th St'),
      hood('Henderson Center', 40.785, -124.155, '95501', 'F St|Henderson St|Harris St'),
  ] },
  { city: 'Redding', county: 'Shasta County', areaCode: '530', latitude: 40.5865, longitude: -122.3917,
    transit: ['RABA bus'], languages: ['pa'], neighborhoods: [
      hood('Downtown', 40.586, -122.392, '96001', 'Market St|Pine St|Placer St|Yuba St'),
      hood('Enterprise', 40.57, -122.35, '96002', 'Hilltop Dr|Churn Creek Rd|Hartnell Ave'),
  ] },
  { city: 'Chico', county: 'Butte County', areaCode: '530', latitude: 39.7285, longitude: -121.8375,
    transit: ['B-Line bus'], languages: [], neighborhoods: [
      hood('Downtown', 39.73, -121.84, '95928', 'Main St|Broadway|W 2nd St|Park Ave'),
      hood('North Chico', 39.755, -121.835, '95926', 'Esplanade|East Ave|Mangrove Ave'),
  ] },
  { city: 'Santa Barbara', county: 'Santa Barbara County', areaCode: '805', latitude: 34.4208, longitude: -119.6982,
    transit: ['MTD bus'], languages: [], neighborhoods: [
      hood('Downtown', 34.42, -119.7, '93101', 'State St|Anacapa St|Chapala St|Haley St'),
      hood('Eastside', 34.425, -119.68, '93103', 'Milpas St|E Haley St|Salinas St'),
  ] },
  { city: 'Oxnard', county: 'Ventura County', areaCode: '805', latitude: 34.1975, longitude: -119.1771,
    transit: ['Gold Coast Transit'], languages: ['tl'], neighborhoods: [
      hood('Downtown', 34.198, -119.177, '93030', 'Oxnard Blvd|W 5th St|A St|Saviers Rd'),
      hood('South Oxnard', 34.17, -119.175, '93033', 'Saviers Rd|E Channel Islands Blvd|Pleasant Valley Rd'),
  ] },
  { city: 'Visalia', county: 'Tulare County', areaCode: '559', latitude: 36.3302, longitude: -119.2921,
    transit: ['Visalia Transit'], languages: ['pa'], neighborhoods: [
      hood('Downtown', 36.33, -119.292, '93291', 'Main St|Court St|Mineral King Ave'),
      hood('East Visalia', 36.33, -119.27, '93292', 'E Noble Ave|N Ben Maddox Way|E Houston Ave'),
  ] },
  { city: 'Merced', county: 'Merced County', areaCode: '209', latitude: 37.3022, longitude: -120.483,
    transit: ['The Bus'], languages: ['pa', 'vi'], neighborhoods: [
      hood('Downtown', 37.302, -120.483, '95340', 'W Main St|M St|Canal St'),
      hood('South Merced', 37.285, -120.48, '95341', 'S Martin Luther King Jr Way|Childs Ave|Glen Ave'),
  ] },
  { city: 'El Centro', county: 'Imperial County', areaCode: '760', latitude: 32.792, longitude: -115.5631,
    transit: ['Imperial Valley Transit'], languages: [], neighborhoods: [
      hood('Downtown', 32.792, -115.563, '92243', 'Main St|S 4th St|W State St|Broadway'),
      hood('North El Centro', 32.805, -115.565, '92243', 'N Imperial Ave|W Adams Ave|Ross Ave'),
  ] },
];

/** Roughly each city's population in tens of thousands: how many listings it gets at scale. */
export const CITY_WEIGHTS: Readonly<Record<string, number>> = {
  'Los Angeles': 390, 'San Diego': 138, 'San Jose': 100, 'San Francisco': 81, Fresno: 54, Sacramento: 52,
  'Long Beach': 45, Oakland: 44, Bakersfield: 40, Riverside: 32, Stockton: 32, 'Santa Ana': 31,
  'San Bernardino': 22, Modesto: 22, Oxnard: 20, 'Santa Rosa': 18, Salinas: 16, Visalia: 14, Chico: 10,
  'Santa Barbara': 9, Redding: 9, Merced: 9, 'El Centro': 4, Eureka: 3,
};
