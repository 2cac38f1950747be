import { defineProvider } from './define-provider';

export const sagemaker = defineProvider({
  id: 'sagemaker',
  displayName: 'Amazon SageMaker',
  family: 'other',
  envPrefix: 'AWS',
});
