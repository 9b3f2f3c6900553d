/**
 * The word lists the figures suggester reads numbers with (lib/suggestions/builtin/figures.ts): number
 * words, scales, currencies, units, approximations, and the words that make a number a date, a name or a
 * code instead of a figure.
 */
export const SMALL: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  dozen: 12,
  hundred: 100,
  thousand: 1000,
};
/** "half" alone is left out: the guidelines count "half the budget" as a fraction without a number. */
export const FRACTIONS: Record<string, number> = {
  "one-third": 1 / 3,
  "two-thirds": 2 / 3,
  "one-quarter": 0.25,
  "three-quarters": 0.75,
  "one-fifth": 0.2,
  "two-fifths": 0.4,
  "three-fifths": 0.6,
  "four-fifths": 0.8,
};
export const SCALES: Record<string, number> = {
  hundred: 1e2,
  thousand: 1e3,
  million: 1e6,
  billion: 1e9,
  trillion: 1e12,
  bn: 1e9,
  mn: 1e6,
  m: 1e6,
  tn: 1e12,
  k: 1e3,
};
/** Currency signs as the details form reads them (lib/tags/figure.ts): the ISO 4217 code. */
export const SIGNS: Record<string, string> = { $: "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR" };
/** Currency words whose code is unambiguous; "francs", "pesos" or "lira" name several currencies and stay words. */
export const CURRENCY_CODES: Record<string, string> = {
  euro: "EUR",
  euros: "EUR",
  dollar: "USD",
  dollars: "USD",
  pound: "GBP",
  pounds: "GBP",
  sterling: "GBP",
  yen: "JPY",
  yuan: "CNY",
  renminbi: "CNY",
  rupee: "INR",
  rupees: "INR",
  zloty: "PLN",
  rubles: "RUB",
  roubles: "RUB",
  rand: "ZAR",
};
export const CURRENCIES = new Set(
  "euros euro dollars dollar pounds pound sterling yen yuan renminbi rupees rupee francs franc rubles roubles krona kronor kroner zloty lira pesos rand".split(
    " ",
  ),
);
export const UNITS = new Set(
  "km kilometres kilometers kilometre kilometer miles mile metres meters metre meter m cm mm feet foot ft inches kg kilograms kilos grams tonnes tonne tons ton pounds lbs hectares acres degrees °c °f mph km/h kph mw gw kw kwh mwh gwh megawatts gigawatts litres liters gallons barrels bpd sq square cubic".split(
    " ",
  ),
);
/** Words that cannot be what a number counts: what follows is a verb, a preposition or another clause. */
export const NOT_COUNTED = new Set(
  "of in on at to for from by with and or but than as is are was were be been being has have had will would could should may might can do does did not no per a an the this that these those who which what when where while after before since during until over under about into across against between through percent cent p.m a.m am pm bc ad".split(
    " ",
  ),
);
export const IRREGULAR_PLURALS = new Set("people children men women police staff cattle sheep fish personnel troops".split(" "));
/** Longest first, so that "no more than" wins over "more than". */
export const APPROXIMATIONS = [
  "no more than",
  "no fewer than",
  "no less than",
  "more than",
  "less than",
  "fewer than",
  "nearly",
  "almost",
  "about",
  "around",
  "roughly",
  "some",
  "up to",
  "over",
  "approximately",
  "close to",
  "at least",
  "as many as",
  "as much as",
  "an estimated",
  "estimated",
  "just over",
  "just under",
  "well over",
  "upwards of",
  "under",
  "at most",
  "~",
]
  .map((phrase) => phrase.split(" "))
  .sort((a, b) => b.length - a.length);
export const MONTHS = new Set(
  "jan january feb february mar march apr april may jun june jul july aug august sep sept september oct october nov november dec december".split(
    " ",
  ),
);
/** What follows "of" when a number counts part of a whole: "2,000 of the workers" is the figure "2,000". */
export const PART_OF = new Set("the its his her their our your them these those us all".split(" "));
/** Words after which a number is an age, not a quantity: "aged 54". */
export const AGE_WORDS = new Set(["aged", "age"]);
/** Words that name the number after them instead of counting with it. */
export const NAMING = new Set(
  "page pages p pp no nos number article section chapter paragraph clause room route flight line platform gate level stage phase round episode season vol volume grade category class item exit highway interstate channel version model".split(
    " ",
  ),
);
export const FUNCTION_WORDS = new Set(
  "the a an about around more nearly some over almost just only roughly up at in on of by for with and but as than at least fewer less until from to".split(
    " ",
  ),
);
