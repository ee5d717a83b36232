import { pickWith } from './random';

/**
 * Synthetic customer comments in French and English, written for the tests (never taken
 * from the evaluation files): one or two aspects, each praise or complaint, joined as
 * customers join them.
 */
const FRAGMENTS = {
  en: {
    service: {
      positive: ['the staff were really friendly', 'support was helpful'],
      negative: ['the agent was rude', 'staff were unhelpful'],
    },
    price: {
      positive: ['good value for money', 'the price is fair'],
      negative: ['far too expensive', 'the fees are outrageous'],
    },
    quality: {
      positive: ['the product works perfectly', 'excellent quality'],
      negative: ['the quality is poor', 'it arrived broken'],
    },
    delay: {
      positive: ['delivery was fast', 'they were quick'],
      negative: ['we waited two hours', 'the delivery was late'],
    },
    usability: {
      positive: ['the app is easy to use', 'the interface is intuitive'],
      negative: ['the website is confusing', 'the app is clunky'],
    },
    communication: {
      positive: ['they kept me informed', 'clear emails'],
      negative: ['nobody answered my emails', 'no information at all'],
    },
  },
  fr: {
    service: {
      positive: ['le personnel est très aimable', 'un accueil chaleureux'],
      negative: ['le conseiller était désagréable', 'vendeur impoli'],
    },
    price: {
      positive: ['les prix sont raisonnables', 'pas cher du tout'],
      negative: ['beaucoup trop cher', 'des frais exorbitants'],
    },
    quality: {
      positive: ['le produit est de très bonne qualité', 'excellente qualité'],
      negative: ['la qualité est médiocre', 'produit défectueux'],
    },
    delay: {
      positive: ['livraison rapide', 'ils ont été rapides'],
      negative: ["trop d'attente", 'la livraison était en retard'],
    },
    usability: {
      positive: ["l'application est facile à utiliser", 'interface intuitive'],
      negative: ['le site est compliqué', 'application pas intuitive'],
    },
    communication: {
      positive: ['toujours bien informé', 'un suivi clair'],
      negative: ['aucune réponse à mes mails', 'aucune information'],
    },
  },
} as const;

const JOINERS = { en: [' and ', ', ', ' but ', '. '], fr: [' et ', ', ', ' mais ', '. '] } as const;
const PLAIN = { en: ['ok', 'Nothing to add', 'Thanks'], fr: ['RAS', 'Rien à ajouter', 'Merci'] } as const;

export type CommentLanguage = keyof typeof FRAGMENTS;
export const THEME_IDS = Object.keys(FRAGMENTS.en) as (keyof typeof FRAGMENTS.en)[];

/**
 * A comment in a language: mostly praise for a promoter, complaints for a detractor, a
 * mix for a passive; sometimes with a planted word (for discovered-terms tests).
 *
 * @example
 * const write = commentWriter(seededRandom(1));
 * write({ language: 'fr', score: 2 }); // 'la livraison était en retard mais le personnel est très aimable'
 */
export const commentWriter = (random: () => number) => {
  const pick = pickWith(random);
  const leanOf = (score: number) => (score >= 9 ? 0.85 : score >= 7 ? 0.5 : 0.15);
  const aspect = (language: CommentLanguage, lean: number): string => {
    const fragments = FRAGMENTS[language][pick(THEME_IDS)];
    return pick(random() < lean ? fragments.positive : fragments.negative);
  };
  return ({ language, score, planted }: { language: CommentLanguage; score: number; planted?: string }): string => {
    if (random() < 0.08) return pick(PLAIN[language]);
    const parts = Array.from({ length: 1 + Math.floor(random() * 2) }, () => aspect(language, leanOf(score)));
    const text = parts.reduce((all, part) => `${all}${pick(JOINERS[language])}${part}`);
    const sentence = `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
    return planted ? `${sentence}, ${planted}` : sentence;
  };
};
