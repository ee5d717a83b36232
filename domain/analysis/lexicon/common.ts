/**
 * Frequent words of each language that the sentiment and theme lists do not hold, used
 * only as evidence for language detection (written from general knowledge of both
 * languages, not taken from any corpus).
 */
export const COMMON_WORDS = {
  en: `about, after, again, against, almost, along, already, always, another, anyone, anything, around, because, before, behind,
    being, below, between, both, bring, brought, came, come, could, day, days, during, each, either, else, enough, ever, every,
    everything, experience, few, find, first, found, friend, friends, from, give, given, going, gone, great, had, have, having,
    here, however, inside, instead, just, keep, kind, know, last, later, least, less, like, little, look, looking, made, make,
    many, maybe, might, more, much, must, myself, need, never, next, night, nothing, now, often, once, only, other, others, ours,
    outside, over, own, people, perhaps, place, places, quite, rather, really, right, said, same, say, see, seem, seemed, seems,
    several, should, since, skip, something, sometimes, still, such, sure, take, taken, than, thing, things, think, though,
    through, time, times, today, together, told, tonight, took, toward, try, tried, under, until, upon, used, usually, want,
    wanted, way, week, well, went, what, whatever, while, whole, why, with, within, without, worth, would, year, years, yet,
    yourself, everyone, overall, something, anywhere, went, came, ordered, order, tried, definitely, probably, actually, pretty,
    restaurant, table, menu, dinner, lunch, breakfast, brunch, evening, place, spot, neighborhood, area, visit, visited, couple,
    wife, husband, girlfriend, boyfriend, family, kids, birthday, party, meal, classic, unique, special, interior, décor, decor`,
  fr: `aussi, autre, autres, avant, avec, beaucoup, bien, car, chose, choses, comme, comment, contre, dans, depuis, dont, donc,
    elle, encore, enfin, ensuite, entre, fois, gens, jour, jours, jusqu, lorsque, maintenant, malgré, moins, moment, nous, notre,
    parce, parmi, pendant, petit, peut, peu, plutôt, pour, pourquoi, pourtant, puis, quand, quel, quelle, quelque, quelques,
    rien, sans, selon, sera, seulement, soir, soirée, sous, surtout, tant, toujours, tout, toute, toutes, très, trouvé, trouve,
    vers, voilà, vous, était, étaient, été, être, avoir, avons, avez, avait, avaient, fait, faire, faites, aller, allé, allés,
    venir, venu, venus, voir, vu, dire, dit, prendre, pris, mettre, mis, passer, passé, donner, donné, trouver, sommes, sont,
    suis, ceux, celle, celui, cette, ces, chez, déjà, également, endroit, lieu, ambiance, table, carte, déjeuner, dîner,
    restaurant, resto, soir, midi, amis, famille, enfants, anniversaire, expérience, visite, adresse, quartier, nouveau, nouvelle,
    vraiment, tellement, conseille, conseiller, ensemble, autour, dehors, dedans, bref, voire, ainsi, alors, après, assez, mieux`,
};
