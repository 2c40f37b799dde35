// Amounts from workbook cells never go through a float unchecked: a number cell is read at its
// shortest round-trip decimal, rounded to the decimals its format shows; text cells are parsed.
import { describe, expect, it } from 'vitest';
import { formatDecimals, readCell } from '../src/import/cell-value.js';

const read = (cell: Parameters<typeof readCell>[0], kind: 'amount' | 'count' = 'amount', unit: '元' | '万元' = '万元') => {
  const r = readCell(cell, kind, unit);
  return r.ok ? { value: r.value?.toString() ?? null, decimals: r.decimals, stated: r.stated } : { error: r.rule };
};

describe('reading a cell as a Decimal', () => {
  it('292.89999999999998 shown as 292.90 is 292.90', () => {
    expect(read({ text: '292.90', number: 292.89999999999998, format: '#,##0.00' })).toEqual({ value: '292.9', decimals: 2, stated: true });
    expect(read({ text: '292.90', number: 0.1 + 0.2 + 292.6, format: '0.00' })).toEqual({ value: '292.9', decimals: 2, stated: true });
  });
  it('a number cell is rounded to the decimals its format shows, half up', () => {
    expect(read({ text: '29.05', number: 29.050405, format: '0.00' })).toEqual({ value: '29.05', decimals: 2, stated: true });
    expect(read({ text: '29.050405', number: 29.050405, format: '#,##0.000000' })).toEqual({ value: '29.050405', decimals: 6, stated: true });
    expect(read({ text: '0.01', number: 0.005, format: '0.00' })).toEqual({ value: '0.01', decimals: 2, stated: true });
    expect(read({ text: '-', number: 0, format: '_ * #,##0.00_ ;_ * -#,##0.00_ ;_ * "-"??_ ;_ @_ ' })).toEqual({ value: '0', decimals: 2, stated: true });
  });
  it('General shows what it shows (decimals not stated: padded to the table\'s when written)', () => {
    expect(read({ text: '292.9', number: 292.9, format: 'General' })).toEqual({ value: '292.9', decimals: 1, stated: false });
    expect(read({ text: '1234', number: 1234 })).toEqual({ value: '1234', decimals: 0, stated: false });
  });
  it('text cells: thousands separators, accounting negatives, dashes for empty, a unit suffix', () => {
    expect(read({ text: '2,929,015.40' }, 'amount', '元')).toEqual({ value: '2929015.4', decimals: 2, stated: true });
    expect(read({ text: '(3.00)' })).toEqual({ value: '-3', decimals: 2, stated: true });
    expect(read({ text: '——' })).toEqual({ value: null, decimals: 0, stated: true });
    expect(read({ text: '  ' })).toEqual({ value: null, decimals: 0, stated: true });
    expect(read({ text: '292.90万元' })).toEqual({ value: '292.9', decimals: 2, stated: true });
    expect(read({ text: '２９２.９０' })).toEqual({ value: '292.9', decimals: 2, stated: true });
  });
  it('refuses what is not an amount, with the checker\'s rule ids', () => {
    expect(read({ text: '292. 90' })).toEqual({ error: 'amount/space' });
    expect(read({ text: '1.2.3' })).toEqual({ error: 'amount/format' });
    expect(read({ text: '97%', number: 0.97, format: '0%' })).toEqual({ error: 'import/number' });
    expect(read({ text: '2.5', number: 2.5, format: '0.0' }, 'count')).toEqual({ error: 'count/format' });
    expect(read({ text: '12,3' })).toEqual({ error: 'amount/format' });
  });
  it('number formats: decimals of the first section, literals ignored', () => {
    expect(formatDecimals('#,##0.00;[Red]-#,##0.00')).toBe(2);
    expect(formatDecimals('"¥"#,##0.000')).toBe(3);
    expect(formatDecimals('0')).toBe(0);
    expect(formatDecimals('General')).toBeUndefined();
  });
});
