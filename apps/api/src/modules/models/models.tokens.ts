export const MODEL_CATALOG = Symbol('MODEL_CATALOG');
