import { defineProvider } from './define-provider';

export const wandb = defineProvider({
  id: 'wandb',
  displayName: 'W&B Inference',
  family: 'other',
});
