/** Marks around matched words in search snippets: private-use characters that no article contains. */
export const MATCH_START = "\uE000";
export const MATCH_END = "\uE001";
