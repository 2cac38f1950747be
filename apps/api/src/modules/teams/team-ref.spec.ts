import { teamRef } from './team-ref';

describe('teamRef', () => {
  it('reads a UUID as a team id, in the lower case Postgres prints', () => {
    expect(teamRef('0F1E2D3C-4B5A-4978-8695-A4B3C2D1E0F9')).toEqual({
      id: '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9',
    });
  });

  it('reads anything else as an exact name, case and inner spaces kept', () => {
    expect(teamRef('Platform  Team')).toEqual({ name: 'Platform  Team' });
    expect(teamRef('Personal')).toEqual({ name: 'Personal' });
  });

  it('reads a near-UUID as a name, not as an id that could never match', () => {
    expect(teamRef('0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f')).toEqual({
      name: '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f',
    });
    expect(teamRef('{0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9}')).toEqual({
      name: '{0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9}',
    });
  });
});
