import { defineProvider } from './define-provider';

export const assemblyai = defineProvider({
  id: 'assemblyai',
  displayName: 'AssemblyAI',
  family: 'other',
});
