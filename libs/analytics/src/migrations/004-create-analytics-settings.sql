-- Settings the store applied at open (e.g. retention_days), so an unchanged value costs no ALTER.
CREATE TABLE IF NOT EXISTS analytics_settings
(
    name String,
    value String,
    updated_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY name;
