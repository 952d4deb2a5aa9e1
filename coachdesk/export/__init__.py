"""Documents that leave the vault: consent filter -> document data -> PDF -> signature."""
