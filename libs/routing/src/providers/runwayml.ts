import { defineProvider } from './define-provider';

export const runwayml = defineProvider({
  id: 'runwayml',
  displayName: 'Runway',
  family: 'other',
});
