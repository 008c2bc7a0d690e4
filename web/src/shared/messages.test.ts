import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { LANGS, LOCALE } from './i18n';
import { MESSAGE_TABLES } from './messages';

interface AstNode {
  type: number;
  value?: unknown;
  options?: Record<string, { value: AstNode[] }>;
  children?: AstNode[];
}

/** The names of the values a message uses (literal text and `#` are not values). */
function valueNames(nodes: AstNode[], names = new Set<string>()): Set<string> {
  for (const node of nodes) {
    if (node.type !== 0 && node.type !== 7 && typeof node.value === 'string') names.add(node.value);
    for (const option of Object.values(node.options ?? {})) valueNames(option.value, names);
    valueNames(node.children ?? [], names);
  }
  return names;
}

describe('the message tables', () => {
  it('hold each key in one table only, so no workspace silently changes another’s words', () => {
    const seen = new Map<string, string>();
    const repeated: string[] = [];
    for (const [table, messages] of Object.entries(MESSAGE_TABLES))
      for (const key of Object.keys(messages)) {
        if (seen.has(key)) repeated.push(`${key} (${seen.get(key)} and ${table})`);
        seen.set(key, table);
      }
    expect(repeated).toEqual([]);
  });

  it('are valid ICU messages in every language, saying everything the English says', () => {
    const problems: string[] = [];
    const tables: Record<string, { en: string; es: string }>[] = Object.values(MESSAGE_TABLES);
    for (const messages of tables)
      for (const [key, byLang] of Object.entries(messages)) {
        const names = LANGS.map((lang) => {
          try {
            const format = new IntlMessageFormat(byLang[lang], LOCALE[lang]);
            return valueNames(format.getAst());
          } catch (error) {
            problems.push(`${key}.${lang}: ${String(error)}`);
            return new Set<string>();
          }
        });
        // A translation says everything the English says (it may need more values for its grammar).
        const [english, ...others] = names;
        for (const [i, other] of others.entries())
          for (const name of english)
            if (!other.has(name)) problems.push(`${key}.${LANGS[i + 1]} leaves out {${name}}`);
      }
    expect(problems).toEqual([]);
  });
});
