import { defineProvider } from './define-provider';

export const elevenlabs = defineProvider({
  id: 'elevenlabs',
  displayName: 'ElevenLabs',
  family: 'other',
});
