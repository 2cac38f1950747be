import { loadConfig } from './app-config';
import { bootstrapNote, exposureWarning } from './exposure-warning';

describe('exposureWarning', () => {
  it('warns when a public listener lets anyone sign up and spend the environment’s keys', () => {
    expect(exposureWarning(loadConfig({ HOST: '0.0.0.0' }))).toMatch(
      /SIGNUP_MODE=open and ENV_PROVIDERS=all/,
    );
    expect(exposureWarning(loadConfig({ HOST: '10.0.0.5', ENV_PROVIDERS: 'all' }))).toBeDefined();
  });

  it('stays quiet on loopback, with sign-up restricted, or with env credentials granted', () => {
    expect(exposureWarning(loadConfig({ HOST: '127.0.0.1' }))).toBeUndefined();
    expect(exposureWarning(loadConfig({ HOST: '::1' }))).toBeUndefined();
    expect(exposureWarning(loadConfig({ HOST: 'localhost' }))).toBeUndefined();
    expect(exposureWarning(loadConfig({ SIGNUP_MODE: 'invite' }))).toBeUndefined();
    expect(exposureWarning(loadConfig({ ENV_PROVIDERS: 'granted' }))).toBeUndefined();
  });

  it('notes when nobody could make the first account', () => {
    expect(bootstrapNote(loadConfig({ SIGNUP_MODE: 'invite' }))).toMatch(/ADMIN_API_KEY/);
    const key = 'k'.repeat(32);
    expect(
      bootstrapNote(loadConfig({ SIGNUP_MODE: 'closed', ADMIN_API_KEY: key })),
    ).toBeUndefined();
    expect(bootstrapNote(loadConfig({}))).toBeUndefined();
  });
});
