package dev.plexauth.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plexauth.sdk.Transport;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;

/**
 * The SDK end-to-end suite with JSON answers, the SDK's default; every answer is validated against
 * the project's OpenAPI document on its way.
 */
class SdkEndToEndJsonTest extends SdkEndToEndSuite {

  private static final ContractValidatingTransport VALIDATING =
      new ContractValidatingTransport(Transport.jdk(Duration.ofSeconds(5)), OpenApiContract.load());

  @Override
  Transport transport() {
    return VALIDATING;
  }

  @AfterAll
  static void everyAnswerMatchedTheContract() {
    List<ContractValidatingTransport.Checked> checked = VALIDATING.checked();
    assertThat(checked).as("answers seen").hasSizeGreaterThan(20);
    assertThat(checked)
        .filteredOn(c -> c.status() != 204)
        .allSatisfy(c -> assertThat(c.contentType()).startsWith("application/json"));
    assertThat(checked).filteredOn(c -> c.status() == 204).isNotEmpty();
    assertThat(
            checked.stream()
                .filter(c -> !c.violations().isEmpty())
                .map(c -> c.key() + ": " + c.violations())
                .collect(Collectors.toList()))
        .isEmpty();
  }
}
