// Word lists the demo CSV is drawn from: people and companies across the countries the demo sells to.

export const FIRST_NAMES = [
  'Olivia', 'Liam', 'Emma', 'Noah', 'Sofia', 'Lucas', 'Mia', 'Elias', 'Chiara', 'Mateo', 'Hannah', 'Jonas',
  'Léa', 'Hugo', 'Ingrid', 'Lars', 'Aisha', 'Omar', 'Priya', 'Arjun', 'Yuki', 'Kenji', 'Fatima', 'Youssef',
  'Grace', 'Samuel', 'Zoë', 'Daan', 'Sanne', 'Pablo', 'Lucía', 'Marta', 'Tomasz', 'Ewa', 'Niamh', 'Cian',
  'Freya', 'Oscar', 'Amara', 'Kwame', 'Elena', 'Giorgos', 'Ana', 'João', 'Camille', 'Théo', 'Nora', 'Felix',
] as const;

export const LAST_NAMES = [
  'Smith', 'Müller', 'Rossi', 'García', 'Dubois', 'Jansen', 'Nowak', 'Silva', 'Andersson', 'Murphy', "O'Brien",
  'Kowalski', 'Fischer', 'Bianchi', 'Martínez', 'Lefebvre', 'de Vries', 'Costa', 'Nilsson', 'Kelly', 'Patel',
  'Khan', 'Tanaka', 'Sato', 'Mensah', 'Okafor', 'Haddad', 'Papadopoulos', 'Schneider', 'Moreau', 'van Dijk',
  'Ferreira', 'Lindqvist', 'Walsh', 'Wright', 'Brown', 'Taylor', 'Evans', 'Weber', 'Romano',
] as const;

const COMPANY_WORDS = [
  'Alder', 'Beacon', 'Cobalt', 'Delta', 'Ember', 'Fjord', 'Granite', 'Harbor', 'Iris', 'Juniper', 'Kestrel',
  'Lumen', 'Meridian', 'Nimbus', 'Orchard', 'Pioneer', 'Quarry', 'Riverside', 'Summit', 'Tandem', 'Umber',
  'Vantage', 'Willow', 'Yarrow', 'Zenith', 'Atlas', 'Brightline', 'Copperleaf', 'Driftwood', 'Evergreen',
] as const;
const COMPANY_TRADES = ['Logistics', 'Foods', 'Robotics', 'Analytics', 'Dental', 'Architects', 'Textiles', 'Energy', 'Software', 'Hotels', 'Print', 'Bikes', 'Labs', 'Ceramics', 'Freight'] as const;

/** A country the demo sells to: its legal suffixes, mail domain ending, calling code and phone layout. */
export interface Country {
  readonly suffixes: readonly string[];
  readonly tld: string;
  readonly callingCode: string;
  /** Digits after the country code, as groups, e.g. [2, 4, 4]. */
  readonly groups: readonly number[];
}

export const COUNTRIES: readonly Country[] = [
  { suffixes: ['Ltd', 'plc'], tld: 'co.uk', callingCode: '44', groups: [2, 4, 4] },
  { suffixes: ['GmbH', 'AG'], tld: 'de', callingCode: '49', groups: [2, 4, 4] },
  { suffixes: ['SAS', 'SA'], tld: 'fr', callingCode: '33', groups: [1, 2, 2, 2, 2] },
  { suffixes: ['BV', 'NV'], tld: 'nl', callingCode: '31', groups: [2, 3, 4] },
  { suffixes: ['SL', 'SA'], tld: 'es', callingCode: '34', groups: [3, 3, 3] },
  { suffixes: ['Inc', 'LLC'], tld: 'com', callingCode: '1', groups: [3, 3, 4] },
  { suffixes: ['AB'], tld: 'se', callingCode: '46', groups: [2, 3, 2, 2] },
  { suffixes: ['Srl', 'SpA'], tld: 'it', callingCode: '39', groups: [2, 4, 4] },
];

export const companyName = (pick: <T>(items: readonly T[]) => T, country: Country): string =>
  `${pick(COMPANY_WORDS)} ${pick(COMPANY_TRADES)} ${pick(country.suffixes)}`;

/** Sources and how often leads come from each (the demo organisation's own mix). */
export const SOURCE_WEIGHTS: readonly (readonly [string, number])[] = [
  ['Website', 34],
  ['Referral', 14],
  ['LinkedIn', 18],
  ['Cold Call', 10],
  ['Email', 9],
  ['Event', 15],
];

export const NOTES = [
  'Asked for pricing on the team plan',
  'Met at the Lisbon trade fair',
  'Downloaded the buyer guide',
  'Wants a demo before the end of the quarter',
  'Current contract renews in the spring',
  'Referred by an existing client',
  'Interested in the partner programme',
  'Requested a call back after 3pm',
  '',
  '',
  '',
] as const;
