"""Settings: language, lock, the coach, documents, retention and erasure."""
