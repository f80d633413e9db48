package dev.mlops.examples;

import dev.mlops.core.artifact.ArtifactRef;
import dev.mlops.core.artifact.ArtifactStore;
import dev.mlops.core.jdbc.Database;
import dev.mlops.core.lineage.Artifact;
import dev.mlops.core.lineage.ExecutionState;
import dev.mlops.core.lineage.LineageGraph;
import dev.mlops.core.lineage.LineageStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The first program a newcomer runs: opens the embedded default stores under {@code ./mlops-data},
 * stores an artifact, reads it back verified, records where it came from in the lineage store, and
 * prints what it opened. Safe to run again: the
 * database and its migrations are reused, and storing the same artifact twice stores it once.
 *
 * <p>Run it with {@code mvn -B -q -pl examples -am package -DskipTests exec:exec} from the repository
 * root.
 */
public final class QuickStart {

    private QuickStart() {}

    public static void main(String[] args) {
        Path dataDir = Path.of(args.length > 0 ? args[0] : "mlops-data");
        System.out.println("mlops quick start, data in " + dataDir.toAbsolutePath().normalize());
        try (Database db = Database.embedded(dataDir)) {
            System.out.println("  database      " + db);
            System.out.println("  migrations    core " + appliedVersions(db, "mlops_core_schema_history"));

            ArtifactStore artifacts = ArtifactStore.jdbc(db);
            byte[] content = "a model would go here".getBytes(StandardCharsets.UTF_8);
            ArtifactRef ref = artifacts.put(content, "text/plain");
            String back = new String(artifacts.readAllBytes(ref), StandardCharsets.UTF_8);
            System.out.println("  artifact      " + ref.uri() + " (" + ref.size() + " bytes, " + ref.mediaType()
                    + "), read back verified: \"" + back + "\"");

            // Lineage: a dataset went into a training execution that produced the model above.
            LineageStore lineage = LineageStore.jdbc(db, Clock.systemUTC());
            Artifact dataset = lineage.putArtifact("Dataset", "transactions-sample", "", Map.of());
            Artifact model = lineage.putArtifact("Model", ref.uri(), ref.uri(), Map.of("mediaType", ref.mediaType()));
            lineage.recordExecution("Training", "quickstart-training", ExecutionState.COMPLETE, Map.of(),
                    List.of(dataset.id()), List.of(model.id()), List.of());
            LineageGraph upstream = lineage.upstream(model.node(), 2);
            System.out.println("  lineage       model <- " + upstream.executionsOfType("Training").get(0).name()
                    + " <- " + upstream.artifactsOfType("Dataset").get(0).name());
        }
        System.out.println("done");
    }

    private static List<String> appliedVersions(Database db, String historyTable) {
        return db.withConnection(c -> {
            List<String> versions = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT \"version\", \"description\" FROM \"" + historyTable
                            + "\" WHERE \"success\" AND \"version\" IS NOT NULL ORDER BY \"installed_rank\"")) {
                while (rs.next()) {
                    versions.add("V" + rs.getString(1) + " " + rs.getString(2));
                }
            }
            return versions;
        });
    }
}
