// Source edits: applied all at once per file, refused when they overlap, shown as a unified diff.
import { describe, expect, it } from 'vitest';
import { applyEdits, changesOf } from '../src/edit/edits.js';
import { unifiedDiff } from '../src/edit/unified-diff.js';

describe('source edits', () => {
  it('applies edits in offset order, whatever order they come in', () => {
    const text = '本年收入合计292.90万元，比上年减少199.93万元。';
    const a = text.indexOf('292.90');
    const b = text.indexOf('199.93');
    const out = applyEdits(text, [
      { path: 'x.md', start: b, end: b + 6, text: '{{变动额}}' },
      { path: 'x.md', start: a, end: a + 6, text: '{{万元 合计}}' },
    ]);
    expect(out).toBe('本年收入合计{{万元 合计}}万元，比上年减少{{变动额}}万元。');
  });

  it('refuses overlapping edits', () => {
    expect(() =>
      applyEdits('abcdef', [
        { path: 'x', start: 1, end: 4, text: '' },
        { path: 'x', start: 3, end: 5, text: '' },
      ]),
    ).toThrow(RangeError);
  });

  it('leaves unchanged files out of the changes', () => {
    const texts = new Map([['a.md', 'one\n'], ['b.md', 'two\n']]);
    const changes = changesOf(
      [
        { path: 'b.md', start: 0, end: 3, text: 'TWO' },
        { path: 'a.md', start: 0, end: 3, text: 'one' },
      ],
      (p) => texts.get(p)!,
    );
    expect(changes).toEqual([{ path: 'b.md', before: 'two\n', after: 'TWO\n' }]);
  });

  it('prints a unified diff with hunk headers and context', () => {
    const before = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'].join('\n') + '\n';
    const after = before.replace('c\n', 'C\n').replace('j\n', 'j\nk\n');
    const diff = unifiedDiff({ path: 'r/tables.md', before, after }, 1);
    expect(diff).toBe(['--- a/r/tables.md', '+++ b/r/tables.md', '@@ -2,3 +2,3 @@', ' b', '-c', '+C', ' d', '@@ -10,1 +10,2 @@', ' j', '+k', ''].join('\n'));
  });

  it('prints nothing for an unchanged file', () => {
    expect(unifiedDiff({ path: 'x', before: 'a\n', after: 'a\n' })).toBe('');
  });
});
