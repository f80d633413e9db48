package dev.mlops.core.lineage;

/**
 * A node of the lineage graph, by kind and id: the start of an upstream or downstream query.
 *
 * @param kind artifact or execution
 * @param id the store-assigned id
 */
public record LineageNode(Kind kind, long id) {

    /** What a node is. */
    public enum Kind {
        ARTIFACT,
        EXECUTION
    }

    public LineageNode {
        if (kind == null) {
            throw new dev.mlops.core.InvalidArgumentException("kind", "is null");
        }
    }

    /** The artifact with this id. */
    public static LineageNode artifact(long id) {
        return new LineageNode(Kind.ARTIFACT, id);
    }

    /** The execution with this id. */
    public static LineageNode execution(long id) {
        return new LineageNode(Kind.EXECUTION, id);
    }
}
