import { defineProvider } from './define-provider';

export const awsPolly = defineProvider({
  id: 'aws_polly',
  displayName: 'Amazon Polly',
  family: 'other',
});
