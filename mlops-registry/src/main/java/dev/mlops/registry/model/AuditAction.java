package dev.mlops.registry.model;

/** What an {@link AuditEvent} records. */
public enum AuditAction {
    MODEL_CREATED,
    MODEL_DESCRIPTION_SET,
    MODEL_TAG_SET,
    MODEL_TAG_DELETED,
    VERSION_CREATED,
    VERSION_STATUS_SET,
    VERSION_DESCRIPTION_SET,
    VERSION_TAG_SET,
    VERSION_TAG_DELETED,
    /** A version moved to a legacy stage; {@code key} is absent, values are stage names. */
    VERSION_STAGE_SET,
    /** An alias was set or moved; {@code key} is the alias, values are version numbers. */
    ALIAS_SET,
    /** An alias was removed; {@code key} is the alias, the previous value is the version it pointed at. */
    ALIAS_DELETED
}
