import { csvField, csvLine } from './csv';

describe('csv', () => {
  it('leaves plain values bare and renders null as an empty field', () => {
    expect(csvLine(['a', 1, true, null, undefined, 0.5])).toBe('a,1,true,,,0.5\r\n');
  });

  it('quotes fields with commas, quotes and line breaks, doubling inner quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
  });
});
