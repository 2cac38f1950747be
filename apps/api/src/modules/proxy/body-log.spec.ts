import { BodyLog, capBody } from './body-log';

describe('body logging caps', () => {
  it('keeps short bodies whole and cuts long ones on a character boundary', () => {
    expect(capBody('{"a":1}', 100)).toBe('{"a":1}');
    const cut = capBody('ééééé', 5);
    expect(cut).toBe('éé…[truncated]');
  });

  it('stops collecting a stream once the cap is passed', () => {
    const log = new BodyLog(10);
    for (const c of ['data: 1\n\n', 'data: 2\n\n', 'data: 3\n\n']) log.add(c);
    expect(log.text()).toBe('data: 1\n\nd…[truncated]');
  });
});

describe('body log pieces (wire view)', () => {
  it('keeps the pieces with their arrival times and counts what it drops', () => {
    const log = new BodyLog(12);
    log.add('data: 1\n\n', 5);
    log.add('data: 2\n\n', 9);
    log.add('data: 3\n\n', 12);
    expect(log.parts()).toEqual([
      { text: 'data: 1\n\n', at: 5 },
      { text: 'dat', at: 9 },
    ]);
    expect(log.bytes).toBe(27);
    expect(log.truncated).toBe(true);
  });

  it('is not truncated when everything fit', () => {
    const log = new BodyLog(100);
    log.add('{"ok":true}');
    expect(log.truncated).toBe(false);
    expect(log.text()).toBe('{"ok":true}');
  });
});
