import { openAiCompatible } from './define-provider';

// https://docs.databricks.com/aws/en/machine-learning/model-serving/score-foundation-models
// Each workspace has its own host: https://<workspace>/serving-endpoints — set DATABRICKS_BASE_URL.
export const databricks = openAiCompatible({
  id: 'databricks',
  displayName: 'Databricks Model Serving',
});
