import { defineProvider } from './define-provider';

export const oci = defineProvider({
  id: 'oci',
  displayName: 'Oracle Cloud Generative AI',
  family: 'other',
});
