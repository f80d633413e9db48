package dev.mlops.core.lineage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.AlreadyExistsException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What the in-memory store promises beyond the conformance suite in mlops-testkit. */
class InMemoryLineageStoreTest {

    private final LineageStore store = LineageStore.inMemory(InstantSource.fixed(Instant.EPOCH));

    @Test
    @DisplayName("counts ids 1, 2, 3 per kind, and a rejected put uses none")
    void ids() {
        assertThat(store.putArtifact("Dataset", "a", "", Map.of()).id()).isEqualTo(1);
        assertThat(store.putExecution("Training", "e", ExecutionState.NEW, Map.of()).id()).isEqualTo(1);
        assertThat(store.putContext("Experiment", "c", Map.of()).id()).isEqualTo(1);
        assertThatThrownBy(() -> store.putArtifact("Dataset", "a", "elsewhere", Map.of()))
                .isInstanceOf(AlreadyExistsException.class);
        assertThat(store.putArtifact("Dataset", "b", "", Map.of()).id()).isEqualTo(2);
        assertThat(store.recordExecution("Training", "f", ExecutionState.NEW, Map.of(), List.of(1L, 2L), List.of(),
                List.of(1L)).id()).isEqualTo(2);
    }
}
