package dev.plexauth.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The server's layers: {@code http} calls {@code auth}, {@code auth} calls {@code store}, and
 * nothing calls upward. The public package ({@code dev.plexauth.server}) wires them and is used by
 * none of them; no {@code http} class touches a store type.
 */
@AnalyzeClasses(
    packages = "dev.plexauth.server",
    importOptions = ImportOption.DoNotIncludeTests.class)
class LayersTest {

  @ArchTest
  static final ArchRule httpCallsAuthCallsStore =
      layeredArchitecture()
          .consideringOnlyDependenciesInLayers()
          .layer("Public API")
          .definedBy("dev.plexauth.server")
          .layer("HTTP")
          .definedBy("dev.plexauth.server.http..")
          .layer("Auth")
          .definedBy("dev.plexauth.server.auth..")
          .layer("Store")
          .definedBy("dev.plexauth.server.store..")
          .whereLayer("Public API")
          .mayNotBeAccessedByAnyLayer()
          .whereLayer("HTTP")
          .mayOnlyBeAccessedByLayers("Public API")
          .whereLayer("Auth")
          .mayOnlyBeAccessedByLayers("Public API", "HTTP")
          .whereLayer("Store")
          .mayOnlyBeAccessedByLayers("Public API", "Auth");

  /** The SDK's internal package is not API: the server uses the SDK as any program would. */
  @ArchTest
  static final ArchRule noSdkInternals =
      noClasses()
          .that()
          .resideInAPackage("dev.plexauth.server..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.plexauth.sdk.internal..");
}
