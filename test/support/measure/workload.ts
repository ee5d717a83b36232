/** The write-efficiency workload: four dimensions, one combination, a few comments of both languages. */
export const NOW = Date.UTC(2026, 10, 23, 12);
export const DIMENSIONS: Record<string, string[]> = {
  region: ['eu', 'us', 'apac', 'latam'],
  plan: ['free', 'pro', 'enterprise'],
  channel: ['email', 'web', 'in-app'],
  survey: ['q3', 'q4', 'nps-2026'],
};
export const COMBINATIONS = [['plan', 'region']];
/** Comments of the workload with comments (written for the bench). */
export const COMMENTS = [
  'Great support, very quick answer',
  'Far too expensive for what it is',
  'Livraison en retard et aucune information',
  'Le personnel est adorable mais l’application est compliquée',
  'Works fine',
];
