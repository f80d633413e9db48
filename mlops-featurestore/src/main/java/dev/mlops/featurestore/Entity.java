package dev.mlops.featurestore;

import dev.mlops.core.Field;
import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.Names;
import dev.mlops.core.ValueType;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The thing features describe (a customer, a driver, a merchant), identified by one or more typed
 * join keys.
 *
 * <p>Join keys are non-null {@link Field}s of type {@code INT32}, {@code INT64} or {@code STRING}:
 * values that compare and hash exactly in every store. Immutable and thread-safe. Once registered,
 * an entity's join keys never change under its name; a different key means a different entity.
 *
 * @param name the entity's {@linkplain Names name}
 * @param joinKeys the join keys, in order; at least one
 * @param description free text, never null
 */
public record Entity(String name, List<Field> joinKeys, String description) implements Definition {

    /** The value types a join key may have. */
    public static final Set<ValueType> JOIN_KEY_TYPES = Set.of(ValueType.INT32, ValueType.INT64, ValueType.STRING);

    public Entity {
        Names.require("entity name", name);
        if (joinKeys == null || joinKeys.isEmpty()) {
            throw new InvalidArgumentException("joinKeys", "entity '" + name + "' needs at least one join key");
        }
        Set<String> seen = new HashSet<>();
        for (Field key : joinKeys) {
            if (key == null) {
                throw new InvalidArgumentException("joinKeys", "entity '" + name + "' has a null join key");
            }
            if (!JOIN_KEY_TYPES.contains(key.type())) {
                throw new InvalidArgumentException(key.name(), "join key of entity '" + name + "' has type "
                        + key.type().jsonName() + "; join keys are int32, int64 or string");
            }
            if (key.nullable()) {
                throw new InvalidArgumentException(key.name(), "join key of entity '" + name
                        + "' must not be nullable (use Field.required)");
            }
            FeatureView.requireNotReserved(key.name());
            if (!seen.add(key.name())) {
                throw new InvalidArgumentException(key.name(), "join key appears twice in entity '" + name + "'");
            }
        }
        joinKeys = List.copyOf(joinKeys);
        description = Objects.requireNonNullElse(description, "");
    }

    /** An entity with one join key. */
    public static Entity of(String name, String joinKey, ValueType type) {
        return new Entity(name, List.of(Field.required(joinKey, type)), "");
    }

    /** An entity with the given join keys (each made non-null). */
    public static Entity of(String name, Field... joinKeys) {
        if (joinKeys == null) {
            throw new InvalidArgumentException("joinKeys", "is null");
        }
        return new Entity(name, Arrays.stream(joinKeys).map(k -> k == null ? null : k.notNull()).toList(), "");
    }

    /** This entity with a description. */
    public Entity withDescription(String text) {
        return new Entity(name, joinKeys, text);
    }

    /** The join key names, in order. */
    public List<String> joinKeyNames() {
        return joinKeys.stream().map(Field::name).toList();
    }

    @Override
    public String kind() {
        return "entity";
    }
}
