import { entries } from './lexicon/types';
import type { TaxonomyFile } from './taxonomy';

const theme = (id: string, label: string, keywords: { en: string; fr: string }) => ({
  id,
  label,
  keywords: { en: entries(keywords.en), fr: entries(keywords.fr) },
});

/**
 * The default themes (SPEC §6). Ids are stable. Keywords are comma-separated words or
 * phrases, folded and stemmed when compiled, so one form per word is enough. Adjectives
 * that only ever describe one theme ("rude" → service, "overpriced" → price) are
 * keywords too: customers often name the judgement, not the thing.
 */
export const DEFAULT_TAXONOMY: TaxonomyFile = {
  replaceDefaults: true,
  themes: [
    theme('service', 'Service', {
      en: `staff, employee, waiter, waitress, waitstaff, wait staff, server, service, customer service, customer care, support,
          agent, advisor, adviser, representative, rep, manager, host, hostess, bartender, barman, receptionist, reception, welcome,
          welcomed, greeted, greeting, hospitality, personnel, seller, salesman, sales assistant, cashier, owner, team, crew,
          attentive, inattentive, rude, rudely, polite, impolite, courteous, helpful, unhelpful, welcoming,
          unprofessional, accommodating, dismissive, condescending, arrogant, attitude, treated, took our order, wait, waited, waiting, seated, seating,
          took care, taken care, apologize, apologized, forgot, attendant, people who work, people that work, hospitable`,
      fr: `personnel, serveur, serveuse, équipe, staff, employé, vendeur, vendeuse, conseiller, conseillère, service, service client,
          service après-vente, sav, accueil, accueillant, accueilli, patron, patronne, propriétaire, hôte, hôtesse, gérant, gérante,
          caissier, caissière, agent, support, aimable, souriant, serviable, attentionné, attentif, impoli, malpoli, grossier, poli,
          courtois, désagréable, antipathique, méprisant, hautain, gentil, prise en charge, accueil chaleureux, sourire, souriante, bonjour, responsable, accueille, accueillir, réservation, à l'écoute, attente, attendre, attendu`,
    }),
    theme('price', 'Price', {
      en: `price, priced, pricing, cost, costly, expensive, inexpensive, cheap, cheaper, pricey, overpriced, affordable, value,
          value for money, money, bill, billing, billed, invoice, fee, fees, charge, charged, overcharged, payment, paid, pay,
          refund, subscription, rate, tariff, budget, bargain, dollars, euros, rip off, ripoff, bang for the buck, worth the money`,
      fr: `vaut le prix, la note, porte-monnaie, porte monnaie, prix, tarif, tarification, coût, coûteux, cher, chère, onéreux, abordable, bon marché, rapport qualité prix,
          qualité prix, qualité / prix, addition, facture, facturé, facturation, frais de, payer, payé, paiement, prélèvement,
          remboursement, remboursé, euros, argent, budget, hors de prix, exorbitant, arnaque, abonnement, devis, promotion, réduction`,
    }),
    theme('quality', 'Quality', {
      en: `quality, product, item, defect, defective, faulty, broken, reliable, reliability, unreliable, durable, sturdy, flimsy,
          taste, tasty, tasteless, flavor, flavour, flavorful, flavourful, bland, delicious, food, meal, dish, cuisine, cooked,
          overcooked, undercooked, burnt, seasoned, seasoning, ingredient, recipe, ~chef, ~pizza, ~pasta, ~sushi, ~steak, ~burger, ~fish,
          ~chicken, ~meat, ~beef, ~pork, ~lamb, ~duck, ~salad, ~soup, ~dessert, ~cake, ~bread, ~rice, ~noodle, ~sauce, ~fries, ~seafood, ~shrimp,
          ~lobster, ~wine, ~beer, ~coffee, ~tea, ~drink, ~cocktail, ~sandwich, ~appetizer, ~entree, ~dumpling, ~tapas, ~cheese, ~portion,
          yummy, succulent, tender, juicy, stale, soggy, greasy, inedible, fresh, battery, screen, device, signal, coverage, network,
          connection, build quality, stopped working, crunchy, creamy, spicy, buttery, fluffy, fishy, melts in your mouth,
          melted in my mouth, well prepared, homemade, home made, overdone, rubbery, frozen, ~tuna, ~salmon, ~bagel, ~pie, ~roll, ~ravioli, ~curry,
          ~vegetables, ~potatoes, ~oysters, ~scallops, ~sashimi, ~tacos, ~omelette, ~eggs, ~pancakes, ~espresso, ~latte, ~broth, ~crust`,
      fr: `qualité, produit, article, défaut, défectueux, cassé, fiable, fiabilité, solide, goût, saveur, savoureux, goûteux, fade,
          insipide, délicieux, succulent, ~cuisine, ~plat, ~repas, ~nourriture, ~assiette, ~mangé, ~manger, ~tapas, ~paella, ~cidre, ~purée,
          ~charcuterie, ~terrine, ~tartare, ~couscous, ~champagne, ~apéritif, ~pâte, ~pâtisserie, ~croissant, ~andouillette, cuisson, cuit, surcuit, ingrédient,
          ~produits frais, ~chef, ~cuisinier, ~viande, ~poisson, ~pizza, ~pâtes, ~dessert, ~gâteau, ~pain, ~frites, ~salade, ~sauce, ~fromage, ~vin,
          ~bière, ~café, ~thé, ~boisson, ~cocktail, ~entrée, ~burger, ~steak, ~poulet, ~canard, ~magret, ~entrecôte, ~moules, ~huîtres,
          ~fruits de mer, ~crêpe, ~galette, ~tarte, ~glace, ~soupe, ~légumes, ~riz, ~sushi, ~foie gras, immangeable, fondant, croustillant,
          batterie, écran, appareil, réseau, couverture, connexion, fonctionne, marche pas, tombé en panne, fait maison, faits maison,
          bien cuit, trop cuit, pas assez cuit, épicé, fade, pâteux, caoutchouteux, frais, fraîche, fraîcheur, goûtu, congelé, surgelé, industriel,
          ~saumon, ~thon, ~tartes, ~omelette, ~oeufs, ~veau, ~jambon, ~bœuf, ~porc, ~agneau, ~chocolat, ~mousse, ~cave, ~plat du jour,
          ~menu du jour`,
    }),
    theme('delay', 'Delays', {
      en: `wait, waited, waiting, late, lateness, delay, delayed, slow, slowly, slowness, queue, took forever, forever,
          long time, hours, cancel, cancelled, canceled, cancellation, quick, quickly, fast, prompt, promptly, on time,
          punctual, speed, rapid, delivery time`,
      fr: `attente, attendre, attendu, délai, retard, lent, lenteur, longtemps, interminable, file d'attente, queue, annulé,
          annulation, rapide, rapidement, vite, ponctuel, heures, trop long, trop longue, délai de livraison`,
    }),
    theme('usability', 'Ease of use', {
      en: `easy to use, user friendly, user-friendly, intuitive, interface, app, application, website, navigation, navigate,
          onboarding, setup, set up, install, installation, login, log in, sign up, signup, checkout, dashboard, usability,
          ease of use, simple to use, cumbersome, clunky, confusing, complicated to use`,
      fr: `facile à utiliser, simple d'utilisation, facile d'utilisation, intuitif, ergonomie, ergonomique, interface, application,
          appli, site web, site internet, navigation, prise en main, inscription, installation, connexion au compte, identifiant,
          utilisation, compliqué à utiliser`,
    }),
    theme('communication', 'Communication', {
      en: `information, informed, inform, email, e-mail, newsletter, follow up, follow-up, followup, notified, notification,
          transparency, transparent, communication, communicate, contacted, call back, called back, phone call, reply, replied,
          no answer, explanation, explained, message, sms, kept us updated, kept me updated`,
      fr: `information, informé, info, email, mail, courriel, e-mail, newsletter, suivi, relance, notification, transparence,
          transparent, communication, communiquer, contacté, rappel, rappeler, rappelé, réponse, répondu, explication, expliqué,
          message, sms, courrier, prévenu, tenu informé`,
    }),
  ],
};
