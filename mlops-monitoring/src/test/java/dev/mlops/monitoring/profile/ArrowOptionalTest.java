package dev.mlops.monitoring.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.Field;
import dev.mlops.core.Schema;
import dev.mlops.core.ValueType;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Arrow is an optional dependency: profiling rows and batches must work without it on the class path. */
class ArrowOptionalTest {

    /** Defines this module's classes itself and hides every Arrow class. */
    private static final class WithoutArrow extends ClassLoader {
        WithoutArrow(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                if (name.startsWith("org.apache.arrow.")) {
                    throw new ClassNotFoundException(name);
                }
                if (!name.startsWith("dev.mlops.monitoring.")) {
                    return super.loadClass(name, resolve);
                }
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                        if (in == null) {
                            throw new ClassNotFoundException(name);
                        }
                        byte[] b = in.readAllBytes();
                        c = defineClass(name, b, 0, b.length);
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                return c;
            }
        }
    }

    @Test
    @DisplayName("Profiler loads, reflects, verifies and profiles rows with no Arrow class available")
    void profilesWithoutArrow() throws Exception {
        ClassLoader loader = new WithoutArrow(getClass().getClassLoader());
        assertThatThrownBy(() -> loader.loadClass("org.apache.arrow.vector.VectorSchemaRoot"))
                .isInstanceOf(ClassNotFoundException.class);
        Class<?> profiler = loader.loadClass(Profiler.class.getName());
        assertThat(profiler).isNotSameAs(Profiler.class);
        Schema schema = Schema.of(Field.of("v", ValueType.FLOAT64), Field.of("c", ValueType.STRING));
        Method profile = profiler.getMethod("profile", Schema.class, Iterable.class);
        Object result;
        try {
            result = profile.invoke(null, schema, List.of(Map.of("v", 1.0, "c", "a"), Map.of("v", 3.0, "c", "b")));
        } catch (InvocationTargetException e) {
            throw new AssertionError("profiling without Arrow failed", e.getCause());
        }
        assertThat(result.getClass().getMethod("rowCount").invoke(result)).isEqualTo(2L);
        byte[] bytes = (byte[]) result.getClass().getMethod("toBytes").invoke(result);
        assertThat(DatasetProfile.fromBytes(bytes).column("v").orElseThrow().mean().getAsDouble()).isEqualTo(2.0);
    }
}
