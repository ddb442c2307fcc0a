import jieba from '@node-rs/jieba';

// The default dictionary, loaded once per process (about 30 ms).
jieba.load();

const WORD = /[\p{L}\p{N}]/u;

/** Lower-cased tokens with punctuation and whitespace dropped. */
function clean(tokens: readonly string[]): string[] {
  return tokens
    .map((token) => token.trim().toLowerCase())
    .filter((token) => token.length > 0 && WORD.test(token));
}

/**
 * Chinese text segmented for the index: jieba's search mode emits both the words and the longer
 * compounds (居民 身份 身份证 居民身份证), joined by spaces for `to_tsvector('simple', …)`.
 */
export function segmentForIndex(...texts: readonly (string | undefined)[]): string {
  return clean(texts.flatMap((text) => (text ? jieba.cutForSearch(text, true) : []))).join(' ');
}

/** The words of a search query, in order, duplicates removed. */
export function queryTokens(query: string): string[] {
  return [...new Set(clean(jieba.cut(query, true)))].slice(0, 12);
}

/** tsquery syntax needs its operators escaped: keep letters and digits only. */
function lexeme(token: string): string {
  return token.replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * A prefix tsquery over the tokens, all required (`&`) or any (`|`). Each token matches as a
 * prefix, so 餐饮 finds 餐饮店 and a half-typed word still finds its item.
 */
export function toTsQuery(tokens: readonly string[], mode: 'all' | 'any'): string | null {
  const lexemes = tokens.map(lexeme).filter((token) => token.length > 0);
  if (lexemes.length === 0) return null;
  return lexemes.map((token) => `${token}:*`).join(mode === 'all' ? ' & ' : ' | ');
}
