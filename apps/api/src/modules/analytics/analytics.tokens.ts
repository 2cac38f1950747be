export const ANALYTICS_STORE = Symbol('ANALYTICS_STORE');
