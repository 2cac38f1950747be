export class ModelNotFoundError extends Error {
  override readonly name = 'ModelNotFoundError';

  constructor(
    readonly model: string,
    readonly suggestions: string[],
  ) {
    super(
      suggestions.length > 0
        ? `Unknown model "${model}". Did you mean: ${suggestions.join(', ')}?`
        : `Unknown model "${model}".`,
    );
  }
}
