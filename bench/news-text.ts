/**
 * Deterministic news-like text for benchmarks: sentences drawn from a fixed vocabulary with the typography
 * real articles have (curly quotes, dashes, figures, the odd emoji).
 */
const WORDS =
  "council minister election budget report police court hospital school river harbor ferry union strike vote mayor office agency data survey percent million residents officials workers farmers protest bridge energy prices inflation contract water climate storm flood drought housing rent transport railway airport trade export tariff border health vaccine doctors nurses teachers students court judge appeal ruling lawyers evidence witness".split(
    " ",
  );
const VERBS = "said announced denied approved rejected warned confirmed claimed estimated reported voted promised".split(" ");

export function rng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export function newsText(random: () => number, targetChars: number): string {
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  const paragraphs: string[] = [];
  let length = 0;
  while (length < targetChars) {
    const sentences: string[] = [];
    for (let i = 0; i < 3 + Math.floor(random() * 3); i++) {
      const words = Array.from({ length: 8 + Math.floor(random() * 14) }, () => pick(WORDS));
      const figure = `${Math.floor(random() * 9000 + 100).toLocaleString("en")}`;
      const roll = random();
      if (roll < 0.2) sentences.push(`“${capitalize(words.join(" "))},” ${pick(VERBS)} the ${pick(WORDS)} spokesperson.`);
      else if (roll < 0.35)
        sentences.push(`${capitalize(words.slice(0, 6).join(" "))} — ${words.slice(6).join(" ")} ${figure} ${pick(WORDS)}.`);
      else if (roll < 0.37) sentences.push(`${capitalize(words.join(" "))} 🚢.`);
      else sentences.push(`${capitalize(words.join(" "))} ${pick(VERBS)} ${figure} ${pick(WORDS)}.`);
    }
    const paragraph = sentences.join(" ");
    paragraphs.push(paragraph);
    length += paragraph.length + 2;
  }
  return paragraphs.join("\n\n");
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
