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
