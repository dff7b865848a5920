package org.zstack.cp.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zstack.cp.api.ApiException;
import org.zstack.cp.api.ErrorReply;
import org.zstack.cp.api.ApiException;
import org.zstack.cp.api.ErrorReply;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The layering of the main code: route, service, repository; wire conventions in api, persistence helpers in db. */
class LayeringTest {
    private static final String[] SQL_CLIENT = {"io.vertx.mutiny.sqlclient..", "io.vertx.sqlclient..",
            "org.hibernate.reactive.mutiny.."};
    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.zstack.cp");
    }

    @Test
    void resourcesCallServicesOnly() {
        noClasses().that().haveSimpleNameEndingWith("Resource")
                .should().dependOnClassesThat().haveSimpleNameEndingWith("Repository")
                .orShould().dependOnClassesThat().resideInAnyPackage(SQL_CLIENT)
                .check(main);
    }

    @Test
    void onlyRepositoriesAndThePersistencePackageTouchSql() {
        noClasses().that().haveSimpleNameNotEndingWith("Repository")
                .and().resideOutsideOfPackage("org.zstack.cp.db..")
                .and().doNotHaveFullyQualifiedName("org.zstack.cp.api.DatabaseErrors")
                .should().dependOnClassesThat().resideInAnyPackage(SQL_CLIENT)
                .because("SQL lives in repositories and the generic helpers of db/; api.DatabaseErrors only classifies "
                        + "the SQL client's exceptions into ZStack errors")
                .check(main);
    }

    @Test
    void repositoriesBuildNoWireObjectsOrApiErrors() {
        noClasses().that().haveSimpleNameEndingWith("Repository")
                .should().dependOnClassesThat().haveSimpleNameEndingWith("Inventory")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.zstack.cp.api.ApiException")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.zstack.cp.api.Replies")
                .check(main);
    }

    @Test
    void onlyTheWireConventionsBuildErrorBodiesAndFormatDates() {
        noClasses().that().resideOutsideOfPackage("org.zstack.cp.api..")
                .should().callMethod(ErrorReply.class, "of", ApiException.class)
                .orShould().callConstructor(ErrorReply.class, ErrorReply.Error.class)
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.format.DateTimeFormatter")
                .check(main);
    }

    @Test
    void noPackageCycles() {
        slices().matching("org.zstack.cp.(*)..").should().beFreeOfCycles().check(main);
    }
}
