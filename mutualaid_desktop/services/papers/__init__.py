"""Papers: the registry of printed papers (it imports the issuers; never imported back), their texts and the printing settings."""
