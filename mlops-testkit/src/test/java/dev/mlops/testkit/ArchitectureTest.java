package dev.mlops.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The module layering of ARCHITECTURE.md and its cross-cutting rules, checked on the compiled classes. */
class ArchitectureTest {

    private static JavaClasses library;

    @BeforeAll
    static void importLibrary() {
        library = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.mlops.core", "dev.mlops.featurestore", "dev.mlops.registry", "dev.mlops.monitoring");
    }

    @Test
    @DisplayName("mlops-core depends on no other module")
    void coreStandsAlone() {
        noClasses().that().resideInAPackage("dev.mlops.core..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.mlops.featurestore..", "dev.mlops.registry..", "dev.mlops.monitoring..", "dev.mlops.testkit..")
                .check(library);
    }

    @Test
    @DisplayName("the feature store and the registry do not depend on each other")
    void featureStoreAndRegistryIndependent() {
        noClasses().that().resideInAPackage("dev.mlops.featurestore..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.mlops.registry..", "dev.mlops.monitoring..")
                .allowEmptyShould(true)
                .check(library);
        noClasses().that().resideInAPackage("dev.mlops.registry..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.mlops.featurestore..", "dev.mlops.monitoring..")
                .allowEmptyShould(true)
                .check(library);
    }

    @Test
    @DisplayName("monitoring reaches the feature store only through interfaces the host implements")
    void monitoringDoesNotUseFeatureStore() {
        noClasses().that().resideInAPackage("dev.mlops.monitoring..")
                .should().dependOnClassesThat().resideInAPackage("dev.mlops.featurestore..")
                .allowEmptyShould(true)
                .check(library);
    }

    @Test
    @DisplayName("no main code depends on the test kit")
    void noMainCodeOnTestkit() {
        noClasses().should().dependOnClassesThat().resideInAPackage("dev.mlops.testkit..").check(library);
    }

    @Test
    @DisplayName("a module's internal package is used by that module only")
    void internalsStayInternal() {
        for (String module : new String[] {"core", "featurestore", "registry", "monitoring"}) {
            noClasses().that().resideOutsideOfPackage("dev.mlops." + module + "..")
                    .should().dependOnClassesThat().resideInAPackage("dev.mlops." + module + ".internal..")
                    .allowEmptyShould(true)
                    .check(library);
        }
    }

    @Test
    @DisplayName("library code takes time from an injected clock, never from the wall clock directly")
    void noWallClock() {
        noClasses().should().callMethod(Instant.class, "now")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(LocalDateTime.class, "now")
                .check(library);
    }
}
