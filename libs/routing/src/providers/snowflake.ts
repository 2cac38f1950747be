import { defineProvider } from './define-provider';

export const snowflake = defineProvider({
  id: 'snowflake',
  displayName: 'Snowflake Cortex',
  family: 'other',
});
