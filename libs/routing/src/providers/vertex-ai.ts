import { defineProvider } from './define-provider';

export const vertexAi = defineProvider({
  id: 'vertex_ai',
  displayName: 'Google Vertex AI',
  family: 'vertex',
  envPrefix: 'VERTEX',
});
