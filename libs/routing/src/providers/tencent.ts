import { defineProvider } from './define-provider';

export const tencent = defineProvider({
  id: 'tencent',
  displayName: 'Tencent Cloud',
  family: 'other',
});
