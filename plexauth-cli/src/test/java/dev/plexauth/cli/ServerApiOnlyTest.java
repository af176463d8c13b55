package dev.plexauth.cli;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The command line uses the server and the SDK as any program would: the server's public package
 * and the SDK's exported packages only.
 */
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

  @ArchTest
  static final ArchRule noSdkInternals =
      noClasses()
          .that()
          .resideInAPackage("dev.plexauth.cli..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.plexauth.sdk.internal..");
}
