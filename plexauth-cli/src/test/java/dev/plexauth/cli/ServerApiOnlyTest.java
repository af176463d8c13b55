package dev.plexauth.cli;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The command line uses the server as any embedding program would: its public package only. */
@AnalyzeClasses(packages = "dev.plexauth.cli", importOptions = ImportOption.DoNotIncludeTests.class)
class ServerApiOnlyTest {

  @ArchTest
  static final ArchRule onlyTheServersPublicPackage =
      noClasses()
          .that()
          .resideInAPackage("dev.plexauth.cli..")
          .should()
          .dependOnClassesThat(
              resideInAPackage("dev.plexauth.server..")
                  .and(not(resideInAPackage("dev.plexauth.server"))));
}
