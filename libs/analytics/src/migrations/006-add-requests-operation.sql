-- What each request asked for (chat, embeddings, images, speech, rerank, …), whatever API shape it came
-- in. Rows written before this column existed derive it from the path they were recorded with: the
-- DEFAULT is evaluated on read for parts that lack the column, so no rewrite of old data is needed.
ALTER TABLE requests ADD COLUMN IF NOT EXISTS operation LowCardinality(String) DEFAULT multiIf(endpoint LIKE '%count_tokens' OR endpoint LIKE '%:countTokens', 'count_tokens', endpoint LIKE '%/models', 'models', 'chat') AFTER endpoint;
