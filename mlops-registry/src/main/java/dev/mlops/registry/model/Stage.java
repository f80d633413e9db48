package dev.mlops.registry.model;

import dev.mlops.core.InvalidArgumentException;
import java.util.Arrays;

/**
 * MLflow 1.x's legacy model stages, kept for users who come from them. Aliases are the better tool:
 * a stage can hold many versions, an alias exactly one.
 */
public enum Stage {
    NONE("None"),
    STAGING("Staging"),
    PRODUCTION("Production"),
    ARCHIVED("Archived");

    private final String displayName;

    Stage(String displayName) {
        this.displayName = displayName;
    }

    /** The name MLflow shows and URIs use, such as {@code Production}. */
    public String displayName() {
        return displayName;
    }

    /**
     * The stage with this name, case-insensitively ({@code production}, {@code Production}).
     *
     * @throws InvalidArgumentException for an unknown stage
     */
    public static Stage parse(String name) {
        for (Stage s : values()) {
            if (s.displayName.equalsIgnoreCase(name)) {
                return s;
            }
        }
        throw new InvalidArgumentException("stage", "unknown stage '" + name + "', expected one of "
                + Arrays.stream(values()).map(Stage::displayName).toList());
    }

    /** Whether a transition to this stage may archive the versions already in it. */
    public boolean archivesOthers() {
        return this == STAGING || this == PRODUCTION;
    }
}
