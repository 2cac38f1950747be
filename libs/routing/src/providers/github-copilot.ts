import { defineProvider } from './define-provider';

export const githubCopilot = defineProvider({
  id: 'github_copilot',
  displayName: 'GitHub Copilot',
  family: 'other',
});
