package dev.mlops.registry.model;

import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.Names;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rule for alias names: a valid {@linkplain Names name} that is not one of MLflow's reserved
 * references, {@code latest} and {@code v<digits>} (case-insensitive), which would be ambiguous in a
 * {@code models:/} URI.
 */
public final class Aliases {

    private static final Pattern VERSION_LIKE = Pattern.compile("v\\d+");

    private Aliases() {}

    /**
     * Returns {@code alias} when it may be used.
     *
     * @throws InvalidArgumentException for an invalid or reserved alias
     */
    public static String require(String alias) {
        Names.require("alias", alias);
        String lower = alias.toLowerCase(Locale.ROOT);
        if (lower.equals("latest") || VERSION_LIKE.matcher(lower).matches()) {
            throw new InvalidArgumentException("alias", "'" + alias + "' is reserved: 'latest' and 'v<number>'"
                    + " cannot be aliases");
        }
        return alias;
    }
}
