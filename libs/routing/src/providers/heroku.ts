import { defineProvider } from './define-provider';

export const heroku = defineProvider({
  id: 'heroku',
  displayName: 'Heroku Managed Inference',
  family: 'other',
});
