import type { LanguageLexicon } from './types';

/**
 * French customer-experience words of our own, on the AFINN scale (−5…+5). Accents and
 * inflections are folded when indexed, so one form per word is enough ("déçu" also
 * finds "déçue", "déçus").
 */
const sentiment = {
  5: 'exceptionnel, parfait, parfaitement, sublime, divin, exquis, impeccable, extraordinaire, merveilleux, au top, rien à redire',
  4: `vaut le détour, coup de coeur, coup de cœur, excellent, superbe, délicieux, succulent, magnifique, fabuleux, génial, formidable, remarquable, incroyable, top, meilleur,
    régal, régalé, adore, adoré, recommande vivement, je recommande, hautement recommandable, un délice, délice, un vrai bonheur, bravo`,
  3: `bon, agréable, sympa, sympathique, aimable, souriant, chaleureux, accueillant, attentionné, attentif, serviable, professionnel,
    efficace, rapide, frais, savoureux, copieux, généreux, abordable, recommande, recommandé, recommander, ravi, satisfait, content,
    heureux, plaisir, beau, joli, propre, convivial, adorable, charmant, gentil, poli, courtois, compétent, réactif, fiable, facile,
    intuitif, fluide, goûteux, fondant, croustillant, raffiné, soigné, agréablement, reviendrons, reviendrai, reviendra, reviendrez,
    retournerons, retourner, revenir, reviendrons, merci, aime, aimé, apprécié, apprécie, excellente, à la hauteur, bonne,
    tendre, gourmand, délicat, généreusement, impeccablement, rapidement, efficacement, ponctuel, nickel, cool, chouette, super,
    accueil chaleureux, bon rapport qualité prix, rien à signaler, ras, bons, belle, belles, beaux, à l'écoute, que du positif, n'hésitez pas, ne changez rien, à ne pas rater, à ne pas manquer, continuez, excellents`,
  1: 'bien, bien fait, bien cuit',
  2: `vaut le prix, positif, améliore, amélioré, améliorer, sans prétention, correct, raisonnable, honnête, calme, cosy, simple, pratique, utile, clair, original, bon marché, pas mal, sans problème,
    sans souci, variée, varié, large choix, ok, valable, sérieux, rassurant, satisfaisant, suffisant, mieux, intéressant,
    appétissant, joliment, sympathiquement, résolu, réglé, réparé, fonctionne, marche, copieusement`,
  [-1]: `passable, odeur, à revoir, surpris, moyen, moyenne, limite, basique, ordinaire, attente, attendre, attendu, bruit, petit, petite, juste, léger, froid, tiède,
    sans plus, compliqué, bizarre, étrange, bruyant, terrible`,
  [-2]: `élevé, élevés, négatif, manquant, mou, molle, pâteux, accuser, austère, bémol, lent, lenteur, lente, longuet, cher, chère, onéreux, sec, surcuit, trop cuit, pas assez cuit, cru, brûlé, gras, salé, fade,
    retard, problème, souci, soucis, erreur, panne, bug, bugs, difficile, dommage, regret, regrette, regretter, triste, pénible,
    annulé, annulation, perdu, manque, manquait, oubli, oublié, oubliée, ignoré, ignorés, pire, médiocre, décevant, décevante,
    déçu, déception, moins bien, insuffisant, remboursement, réclamation, plainte, pas terrible, froidement, sèchement, expéditif,
    attente interminable, trop long, trop longue, trop d'attente, mal, mauvaise qualité, désordre, bazar, cafouillage, quelconque`,
  [-3]: `déconseille, déconseiller, déconseillé, s'attendait à mieux, attendait mieux, attendions mieux, espérait mieux, loupé, raté, ratés, glacial, dédaigneux, agressif, sans saveur, sans goût, sans intérêt, mal aimable, mal cuit, mal accueilli, mal reçu, mal servi, mal organisé, remettrons plus les pieds, remettrai plus les pieds, mettrai plus les pieds, insectes, cafard, cheveu, mauvais, mauvaise, désagréable, impoli, grossier, méprisant, hautain, antipathique, incompétent, désorganisé, éviter,
    à éviter, insipide, exorbitant, hors de prix, sale, dégoûté, énervé, agacé, fâché, furieux, inadmissible, laisse à désirer,
    n'importe quoi, mauvaise foi, immonde, arrogant, désinvolte, malpoli, irrespectueux, honteux, scandaleux, lamentable,
    inacceptable, arnaque, arnaqué, escroquerie, volé, malade, intoxication`,
  [-4]: `minable, odieux, nauséabond, déconseille fortement, nul, nulle, horrible, affreux, infect, immangeable, dégoûtant, catastrophique, catastrophe, désastreux, déplorable, à fuir,
    fuir, jamais plus, plus jamais, honte, pire expérience, exécrable, abominable, épouvantable, cauchemar, inqualifiable`,
} as const;

export const fr: LanguageLexicon = {
  sentiment,
  negators: `pas, jamais, peu, tout sauf, rien, aucun, aucune, guère, sans, ni, non, ne, n', personne, nullement, manque de, manquait de`,
  intensifiers: `très, vraiment, tellement, hyper, extrêmement, particulièrement, fort, si, absolument, totalement, franchement,
    vraiment très, super, ultra, carrément, toujours, tout à fait, complètement, bien trop, tres`,
  diminishers: 'à peine, assez, un peu, plutôt, relativement, légèrement, moyennement, presque, un brin, quelque peu',
  excess: 'trop',
  excessFlipsPositive: false,
  stopWords: `le, la, les, l', un, une, des, du, de, d', et, ou, a, à, au, aux, en, dans, sur, pour, par, avec, est, était, sont,
    ont, avons, avez, ai, as, été, être, avoir, ce, c', cet, cette, ces, il, elle, ils, elles, on, nous, vous, je, j', tu, me, m',
    te, t', se, s', mon, ma, mes, notre, nos, votre, vos, leur, leurs, son, sa, ses, qui, que, qu', quoi, dont, où, y, ne, n', pas,
    plus, tout, tous, toute, toutes, mais, car, donc, comme, si, très, bien, aussi, fait, faire, même, encore, déjà, puis, alors,
    quand, lui, eux, ça, cela, ceci, là, ici, chez, entre, sans, sous, vers, peu, trop, avait, était, étaient, sera, c'est, était`,
};
