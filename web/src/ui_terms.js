// The glossary where a term appears: under a card or a dilemma, a folded list of the
// pack's entries for the acronyms and jargon its text uses (« AIPD : analyse d'impact… »).
import { h } from "./dom.js";

export function termsBlock(texts, ...shown) {
  const entries = texts.terms(...shown);
  if (!entries.length) return null;
  return h("details", { class: "terms" },
    h("summary", null, `Les mots employés (${entries.length})`),
    h("dl", null, entries.map((g) => [
      h("dt", null, g.term, g.expansion ? h("span", { class: "muted" }, ` (${g.expansion})`) : null),
      h("dd", null, g.definition),
    ])));
}
