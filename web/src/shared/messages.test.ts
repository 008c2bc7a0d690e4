import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import type { MessageTable } from './message-table';
import { LANGS, loadMessages, LOCALE, translate, type MessageKey, type TableName } from './i18n';

/** Every table there is: Find's and each `messages-<name>.ts`, found by file name. */
const FILES = import.meta.glob<Record<string, MessageTable>>(
  ['./messages.ts', './messages-*.ts', '!./*.test.ts'],
  { eager: true },
);
const MESSAGE_TABLES: Record<string, MessageTable> = Object.fromEntries(
  Object.entries(FILES).flatMap(([file, module]) =>
    Object.entries(module).map(([name, table]) => [`${file} ${name}`, table]),
  ),
);

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
  it('are all checked here: Find’s and every screen’s', () => {
    expect(Object.keys(FILES).length).toBeGreaterThanOrEqual(5);
    expect(Object.keys(MESSAGE_TABLES).length).toBe(Object.keys(FILES).length);
  });

  it('load with their screens: until then a key stands for its text, after it the text', async () => {
    for (const file of Object.keys(FILES)) {
      const name = /messages-(\w+)\.ts$/.exec(file)?.[1];
      if (!name) continue;
      const [key, text] = Object.entries(FILES[file]).flatMap(([, table]) =>
        Object.entries(table),
      )[0] as [MessageKey, { en: string }];
      expect(translate('en', key, {}), file).toBe(key);
      await loadMessages(name as TableName);
      expect(translate('en', key, {}), file).not.toBe(key);
      expect(text.en.length, file).toBeGreaterThan(0);
    }
  });

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
